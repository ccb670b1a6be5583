// The Lua scripts that change a room. Each runs atomically inside Redis: the checks, the change and
// the version bump happen in one step, so two phones can never interleave half-applied changes and
// every change gets its own version. KEYS are scriptKeys(roomId) (keys.ts); ARGV[1] is always the
// room TTL in seconds. Stored values are written in the formats codec.ts decodes.

/** Shared by every script: the room's keys by name and the TTL renewal. */
const PRELUDE = `
local K = { meta = KEYS[1], menu = KEYS[2], members = KEYS[3], tokens = KEYS[4], picks = KEYS[5], ops = KEYS[6] }
local TTL = tonumber(ARGV[1])
local written = {}
local function wrote(key) written[#written + 1] = key end

-- A room lives TTL seconds after its last change. Renewing all its keys on every pick would write
-- (and replicate) six EXPIREs each time; renewing once the TTL has run down by a minute (a tenth
-- for short test TTLs) is as good, as long as a key this script just created gets its TTL at once.
local function keepAlive()
  local margin = math.min(60, TTL / 10) * 1000
  if redis.call('PTTL', K.meta) < TTL * 1000 - margin then
    for _, key in ipairs(KEYS) do redis.call('EXPIRE', key, TTL) end
  else
    for _, key in ipairs(written) do
      if redis.call('PTTL', key) == -1 then redis.call('EXPIRE', key, TTL) end
    end
  end
end
`;

/**
 * Adds a member with a secret token (only its SHA-256 is stored) and bumps the room version.
 * ARGV: ttl, memberId, storedMember, tokenHash, maxMembers → {'ok', version} | {'err', code}
 */
export const ADD_MEMBER_LUA = `${PRELUDE}
local memberId, storedMember, tokenHash, maxMembers = ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5])
if redis.call('EXISTS', K.meta) == 0 then return {'err', 'room_not_found'} end
if redis.call('HLEN', K.members) >= maxMembers then return {'err', 'room_full'} end
redis.call('HSET', K.members, memberId, storedMember)
redis.call('HSET', K.tokens, tokenHash, memberId)
wrote(K.members)
wrote(K.tokens)
local version = redis.call('HINCRBY', K.meta, 'version', 1)
keepAlive()
return {'ok', version}
`;

/**
 * Applies one member's change request: dedupe the operation id, check who may do it, apply it, bump
 * the version and remember the operation, all at once.
 * ARGV: ttl, actorMemberId, opId, changeType, requestJson
 * → {'ok', version, changeJson} | {'dup', storedOp} | {'err', code}
 *
 * Each handler returns the change to broadcast (what the request produced) and whether to keep it
 * with the operation: a retry is answered, and broadcast again, with the original change. A menu is
 * too big to keep per operation: its retry answers the version and the phone catches up from there.
 */
export const APPLY_CHANGE_LUA = `${PRELUDE}
local actor, opId, kind = ARGV[2], ARGV[3], ARGV[4]
if redis.call('EXISTS', K.meta) == 0 then return {'err', 'room_not_found'} end
local opField = actor .. '|' .. opId
local seen = redis.call('HGET', K.ops, opField)
if seen then return {'dup', seen} end
if redis.call('HEXISTS', K.members, actor) == 0 then return {'err', 'not_a_member'} end
local request = cjson.decode(ARGV[5])

local function isHost() return redis.call('HGET', K.meta, 'hostMemberId') == actor end

local handlers = {}

handlers['pick.set'] = function(r)
  if redis.call('HEXISTS', K.menu, r.dishId) == 0 then return nil, 'unknown_dish' end
  local field = r.dishId .. ':' .. actor
  if r.qty == 0 then
    redis.call('HDEL', K.picks, field)
  else
    redis.call('HSET', K.picks, field, r.qty)
    wrote(K.picks)
  end
  return { type = 'pick', dishId = r.dishId, memberId = actor, qty = r.qty }, true
end

-- Dish ids are never reused (new ones continue from a counter), so a late pick for a removed dish
-- can never land on a new one; picks of removed dishes go with them.
handlers['menu.replace'] = function(r)
  if not isHost() then return nil, 'not_the_host' end
  local keep = {}
  for _, dish in ipairs(r.dishes) do
    if dish.id then
      if redis.call('HEXISTS', K.menu, dish.id) == 0 then return nil, 'unknown_dish' end
      keep[dish.id] = true
    end
  end
  redis.call('DEL', K.menu)
  local dishes = {}
  for pos, dish in ipairs(r.dishes) do
    local id = dish.id or ('d' .. redis.call('HINCRBY', K.meta, 'nextDish', 1))
    dish.id = nil
    dish.pos = pos - 1
    redis.call('HSET', K.menu, id, cjson.encode(dish))
    keep[id] = true
    dish.pos = nil
    dish.id = id
    dishes[#dishes + 1] = dish
  end
  wrote(K.menu)
  for _, field in ipairs(redis.call('HKEYS', K.picks)) do
    if not keep[string.match(field, '^([^:]+):')] then redis.call('HDEL', K.picks, field) end
  end
  return { type = 'menu', dishes = dishes }, false
end

local handler = handlers[kind]
if not handler then return {'err', 'unsupported_change'} end
local change, keepOrError = handler(request)
if not change then return {'err', keepOrError} end
local version = redis.call('HINCRBY', K.meta, 'version', 1)
local changeJson = cjson.encode(change)
if keepOrError then
  redis.call('HSET', K.ops, opField, version .. '|' .. changeJson)
else
  redis.call('HSET', K.ops, opField, tostring(version))
end
wrote(K.ops)
keepAlive()
return {'ok', version, changeJson}
`;
