// Sets one member's quantity of one dish. Dedupe, apply and version bump happen in this one atomic
// step, so a retried operation id is applied once and every change has its own version.
// KEYS: meta, menu, members, tokens, picks, ops (see mutationKeys)
// ARGV: memberId, opId, dishId, qty, roomTtlSeconds
export const SET_PICK_LUA = `
local meta, menu, members, picks, ops = KEYS[1], KEYS[2], KEYS[3], KEYS[5], KEYS[6]
local memberId, opId, dishId, qty, ttl = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5]
if redis.call('EXISTS', meta) == 0 then return {'err', 'room_not_found'} end
local opField = memberId .. '|' .. opId
local seen = redis.call('HGET', ops, opField)
if seen then
  -- A retry: answer with what the original operation did, whatever this retry carries.
  local v, d, q = string.match(seen, '^(%d+):([^:]+):(%d+)$')
  if not q then return {'err', 'invalid_payload'} end
  return {'dup', tonumber(v), d, tonumber(q)}
end
if redis.call('HEXISTS', members, memberId) == 0 then return {'err', 'not_a_member'} end
if redis.call('HEXISTS', menu, dishId) == 0 then return {'err', 'unknown_dish'} end
local field = dishId .. ':' .. memberId
if qty == 0 then redis.call('HDEL', picks, field) else redis.call('HSET', picks, field, qty) end
local version = redis.call('HINCRBY', meta, 'version', 1)
redis.call('HSET', ops, opField, version .. ':' .. dishId .. ':' .. qty)
for i = 1, #KEYS do redis.call('EXPIRE', KEYS[i], ttl) end
return {'ok', version, dishId, qty}
`;
