// The host replaces the menu in one atomic step: dedupe the operation, check the host, keep the ids
// of dishes that stay, number new dishes from a counter (an id is never reused, so a late pick for
// a removed dish can never land on a new one), drop picks of removed dishes, bump the version.
// KEYS: meta, menu, members, tokens, picks, ops (see mutationKeys)
// ARGV: memberId, opId, roomTtlSeconds, dishesJson ([{id?, name, priceMinor, category?, box?}])
// Returns {'ok', version, storedMenuJson} | {'dup', version} | {'err', code}
export const REPLACE_MENU_LUA = `
local meta, menu, picks, ops = KEYS[1], KEYS[2], KEYS[5], KEYS[6]
local memberId, opId, ttl = ARGV[1], ARGV[2], ARGV[3]
if redis.call('EXISTS', meta) == 0 then return {'err', 'room_not_found'} end
local opField = memberId .. '|' .. opId
local seen = redis.call('HGET', ops, opField)
if seen then return {'dup', tonumber(string.match(seen, '^(%d+)'))} end
if redis.call('HGET', meta, 'hostMemberId') ~= memberId then return {'err', 'not_the_host'} end
local dishes = cjson.decode(ARGV[4])
local keep = {}
for _, dish in ipairs(dishes) do
  if dish.id then
    if redis.call('HEXISTS', menu, dish.id) == 0 then return {'err', 'unknown_dish'} end
    keep[dish.id] = true
  end
end
redis.call('DEL', menu)
local stored = {}
for pos, dish in ipairs(dishes) do
  local id = dish.id or ('d' .. redis.call('HINCRBY', meta, 'nextDish', 1))
  dish.id = nil
  dish.pos = pos - 1
  redis.call('HSET', menu, id, cjson.encode(dish))
  keep[id] = true
  stored[#stored + 1] = id
  stored[#stored + 1] = cjson.encode(dish)
end
for _, field in ipairs(redis.call('HKEYS', picks)) do
  if not keep[string.match(field, '^([^:]+):')] then redis.call('HDEL', picks, field) end
end
local version = redis.call('HINCRBY', meta, 'version', 1)
redis.call('HSET', ops, opField, version .. ':menu')
for i = 1, #KEYS do redis.call('EXPIRE', KEYS[i], ttl) end
return {'ok', version, stored}
`;
