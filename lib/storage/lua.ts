// The Lua scripts that change a room. Each runs atomically inside Redis: the checks, the change and
// the version bump happen in one step, so two phones can never interleave half-applied changes and
// every change gets its own version. KEYS are scriptKeys(roomId) (keys.ts); ARGV[1] is the room TTL
// in seconds, ARGV[2] the time in ms, ARGV[3] the room's maximum lifetime in seconds. Stored values
// are written in the formats codec.ts decodes; lists of ids or needs are comma-separated strings,
// because Lua's cjson cannot tell an empty list from an empty object.
//
// Redis runs with maxmemory and noeviction. The scripts that write start with a `#!lua` line: Redis
// then refuses to start one while it is out of memory, instead of failing at its first command that
// allocates, which could come after a delete (a half-removed member); the store answers
// capacity_reached. A script that started in time finishes even if it crosses the limit.
import { OPS_KEPT_PER_MEMBER } from './keys';

/** What the tokens hash holds, instead of the member id, for a member the host removed. */
export const REMOVED_TOKEN = '!removed';

/** Shared by every script: the room's keys by name, TTL renewal, and list helpers. */
const PRELUDE = `
local K = {
  meta = KEYS[1], menu = KEYS[2], members = KEYS[3], tokens = KEYS[4], picks = KEYS[5], ops = KEYS[6],
  notes = KEYS[7], shares = KEYS[8], rounds = KEYS[9], explanations = KEYS[10], opLog = KEYS[11],
}
local TTL = tonumber(ARGV[1])
local NOW = tonumber(ARGV[2])
local MAX_LIFETIME = tonumber(ARGV[3])
local written = {}
local function wrote(key) written[#written + 1] = key end

-- A room lives TTL seconds after its last change, but never beyond createdAt + MAX_LIFETIME.
-- Renewing all its keys on every pick would write (and replicate) ten PEXPIREATs each time;
-- renewing once the TTL has run down by a minute (a tenth for short test TTLs) is as good, as long
-- as a key this script just created gets the room's expiry at once. Once the cap is reached there
-- is nothing left to renew, and each change costs one PTTL and one HGET.
local function keepAlive()
  local left = redis.call('PTTL', K.meta)
  local margin = math.min(60, TTL / 10) * 1000
  if left < TTL * 1000 - margin then
    local deadline = tonumber(redis.call('HGET', K.meta, 'createdAt') or NOW) + MAX_LIFETIME * 1000
    local expireAt = math.min(NOW + TTL * 1000, deadline)
    if expireAt > NOW + left + margin then
      for _, key in pairs(K) do redis.call('PEXPIREAT', key, expireAt) end
      return
    end
  end
  for _, key in ipairs(written) do
    if redis.call('PTTL', key) == -1 then redis.call('PEXPIRE', key, math.max(1, left)) end
  end
end

local function split(list)
  local items = {}
  for item in string.gmatch(list or '', '[^,]+') do items[#items + 1] = item end
  return items
end
local function contains(items, wanted)
  for _, item in ipairs(items) do if item == wanted then return true end end
  return false
end
local function without(items, unwanted)
  local kept = {}
  for _, item in ipairs(items) do if item ~= unwanted then kept[#kept + 1] = item end end
  return kept
end
local function join(items) return table.concat(items, ',') end
-- What the tokens hash holds for the token of a member the host removed.
local REMOVED_TOKEN = '${REMOVED_TOKEN}'
`;

/**
 * Adds a member with a secret token (only its SHA-256 is stored) and bumps the room version.
 * ARGV: ttl, now, maxLifetime, memberId, storedMember, tokenHash, maxMembers
 * → {'ok', version} | {'err', code}
 */
export const ADD_MEMBER_LUA = `#!lua${PRELUDE}
local memberId, storedMember, tokenHash, maxMembers = ARGV[4], ARGV[5], ARGV[6], tonumber(ARGV[7])
if redis.call('EXISTS', K.meta) == 0 then return {'err', 'room_not_found'} end
if redis.call('HGET', K.meta, 'closed') == '1' then return {'err', 'room_closed'} end
if redis.call('HGET', K.meta, 'joining') == '0' then return {'err', 'joining_closed'} end
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
 * ARGV: ttl, now, maxLifetime, actorMemberId, opId, changeType, requestJson, limitsJson, then for
 * menu.replace the dishes (see its handler)
 * → {'ok', version, changeJson} | {'dup', storedOp} | {'err', code}
 *
 * Each member's last OPS_KEPT_PER_MEMBER operations are remembered (keys.ts says why that covers
 * every retry a phone makes); remembering one more forgets the oldest, in O(1).
 *
 * Each handler returns the change to broadcast (what the request produced) and whether to keep it
 * with the operation: a retry is answered, and broadcast again, with the original change. Menus and
 * placed rounds are too big to keep per operation: their retry answers the version, and the phone
 * catches up from there.
 */
export const APPLY_CHANGE_LUA = `#!lua${PRELUDE}
local actor, opId, kind = ARGV[4], ARGV[5], ARGV[6]
-- The store sends well-formed JSON (codec.ts); anything cjson still cannot read is refused, not thrown.
local decoded, request = pcall(cjson.decode, ARGV[7])
if not decoded or type(request) ~= 'table' then return {'err', 'invalid_payload'} end
local LIMITS = cjson.decode(ARGV[8])
-- The member's event budget (server/src/limits.ts LIMITS.member), counted here so that a change
-- costs one round trip instead of two: in the keys and the way rate-limiter-flexible counts the
-- member's other events (a counter that expires when its window ends), so both count against one
-- budget; the burst window is used only once the per-second one is spent.
local budget = LIMITS.budget
if budget then
  local function take(key, points, seconds)
    local used = redis.call('INCRBY', key, 1)
    if used == 1 then redis.call('EXPIRE', key, seconds) end
    return used <= points
  end
  if not take(KEYS[12], budget.perSecond, 1) and not take(KEYS[13], budget.burst, budget.burstWindowSec) then
    return {'err', 'rate_limited'}
  end
end
-- What the checks below need of the room, in one read (every room has a createdAt). A handler that
-- changes one of these fields does not read it again.
local meta = redis.call('HMGET', K.meta, 'createdAt', 'closed', 'locked', 'hostMemberId')
if not meta[1] then return {'err', 'room_not_found'} end
local opField = actor .. '|' .. opId
local seen = redis.call('HGET', K.ops, opField)
if seen then return {'dup', seen} end
if redis.call('HEXISTS', K.members, actor) == 0 then return {'err', 'not_a_member'} end
if meta[2] == '1' then return {'err', 'room_closed'} end

local function isHost() return meta[4] == actor end
local function isLocked() return meta[3] == '1' end
local function loadMember(id)
  local stored = redis.call('HGET', K.members, id)
  if stored then return cjson.decode(stored) end
  return nil
end
local function saveMember(id, m)
  redis.call('HSET', K.members, id, cjson.encode(m))
  wrote(K.members)
end
local function memberChange(id, m)
  return { type = 'member', member = { id = id, name = m.name, needs = m.needs or '', done = m.done == true,
    phoneless = m.phoneless == true } }
end
local function dishExists(dishId) return redis.call('HEXISTS', K.menu, dishId) == 1 end

-- The member a change is for: the actor, or a member without a phone the host acts for.
local function target(memberId)
  if memberId == nil or memberId == actor then return actor end
  if not isHost() then return nil, 'not_the_host' end
  local m = loadMember(memberId)
  if not m then return nil, 'not_a_member' end
  if m.phoneless ~= true then return nil, 'not_allowed' end
  return memberId
end

local function setPick(memberId, dishId, qty)
  if not dishExists(dishId) then return nil, 'unknown_dish' end
  local field = dishId .. ':' .. memberId
  if qty == 0 then
    redis.call('HDEL', K.picks, field)
    -- A note belongs to its pick.
    redis.call('HDEL', K.notes, field)
  -- Only a new field can have created the hash (and it then needs the room's expiry).
  elseif redis.call('HSET', K.picks, field, qty) == 1 then
    wrote(K.picks)
  end
  return { type = 'pick', dishId = dishId, memberId = memberId, qty = qty }, true
end

local function loadShare(shareId)
  local stored = redis.call('HGET', K.shares, shareId)
  if stored then return cjson.decode(stored) end
  return nil
end
-- Saves a share, or deletes it once nobody is left on it; returns the change to broadcast.
local function saveShare(shareId, share)
  local members = split(share.members)
  if #members == 0 then
    redis.call('HDEL', K.shares, shareId)
    return { type = 'share.removed', shareId = shareId }
  end
  if not contains(members, share.by) then share.by = members[1] end
  redis.call('HSET', K.shares, shareId, cjson.encode(share))
  wrote(K.shares)
  return { type = 'share', share = { id = shareId, dishId = share.dishId, plates = share.plates, by = share.by,
    members = share.members, invited = share.invited } }
end

local function hashToTable(key)
  local flat = redis.call('HGETALL', key)
  local result = {}
  for i = 1, #flat, 2 do result[flat[i]] = flat[i + 1] end
  return result
end

-- Only the handler of this change's kind is defined: making a closure for every kind on every call
-- cost more than the change itself (a pick's script took 30 µs longer).
local handler

if kind == 'pick.set' then handler = function(r)
  if isLocked() then return nil, 'order_locked' end
  return setPick(actor, r.dishId, r.qty)
end end

if kind == 'pick.setFor' then handler = function(r)
  local memberId, problem = target(r.memberId)
  if not memberId then return nil, problem end
  if isLocked() then return nil, 'order_locked' end
  return setPick(memberId, r.dishId, r.qty)
end end

if kind == 'pick.note' then handler = function(r)
  local memberId, problem = target(r.memberId)
  if not memberId then return nil, problem end
  if isLocked() then return nil, 'order_locked' end
  if not dishExists(r.dishId) then return nil, 'unknown_dish' end
  local field = r.dishId .. ':' .. memberId
  -- A note belongs to a pick: there is nothing to write it on before the dish is picked.
  if redis.call('HEXISTS', K.picks, field) == 0 then return nil, 'not_allowed' end
  if r.note == '' and r.needs == '' then
    redis.call('HDEL', K.notes, field)
  else
    redis.call('HSET', K.notes, field, cjson.encode({ note = r.note, needs = r.needs }))
    wrote(K.notes)
  end
  return { type = 'note', note = { dishId = r.dishId, memberId = memberId, note = r.note, needs = r.needs } }, true
end end

if kind == 'member.needs' then handler = function(r)
  local memberId, problem = target(r.memberId)
  if not memberId then return nil, problem end
  if isLocked() then return nil, 'order_locked' end
  local m = loadMember(memberId)
  m.needs = r.needs
  saveMember(memberId, m)
  return memberChange(memberId, m), true
end end

if kind == 'member.done' then handler = function(r)
  local m = loadMember(actor)
  m.done = r.done
  saveMember(actor, m)
  return memberChange(actor, m), true
end end

if kind == 'member.add' then handler = function(r)
  if not isHost() then return nil, 'not_the_host' end
  if redis.call('HEXISTS', K.members, r.memberId) == 1 then return nil, 'not_allowed' end
  if redis.call('HLEN', K.members) >= LIMITS.members then return nil, 'room_full' end
  local m = { name = r.name, joinedAt = NOW, needs = '', done = false, phoneless = true }
  saveMember(r.memberId, m)
  return memberChange(r.memberId, m), true
end end

-- The member's current picks, notes and places on shared plates go; earlier rounds keep them, as
-- ordered. Their tokens are marked removed, so their phone is told so and is a visitor from then on.
if kind == 'member.remove' then handler = function(r)
  if not isHost() then return nil, 'not_the_host' end
  if r.memberId == actor then return nil, 'not_allowed' end
  if redis.call('HEXISTS', K.members, r.memberId) == 0 then return nil, 'not_a_member' end
  redis.call('HDEL', K.members, r.memberId)
  local tokens = redis.call('HGETALL', K.tokens)
  for i = 1, #tokens, 2 do
    if tokens[i + 1] == r.memberId then redis.call('HSET', K.tokens, tokens[i], REMOVED_TOKEN) end
  end
  -- One field per dish (at most MAX_DISHES), instead of a scan of every pick in the room.
  local fields = {}
  for i, dishId in ipairs(redis.call('HKEYS', K.menu)) do fields[i] = dishId .. ':' .. r.memberId end
  if #fields > 0 then
    for _, key in ipairs({ K.picks, K.notes, K.explanations }) do redis.call('HDEL', key, unpack(fields)) end
  end
  for shareId, stored in pairs(hashToTable(K.shares)) do
    local share = cjson.decode(stored)
    share.members = join(without(split(share.members), r.memberId))
    share.invited = join(without(split(share.invited), r.memberId))
    saveShare(shareId, share)
  end
  return { type = 'member.removed', memberId = r.memberId }, true
end end

if kind == 'host.transfer' then handler = function(r)
  if not isHost() then return nil, 'not_the_host' end
  local m = loadMember(r.memberId)
  if not m then return nil, 'not_a_member' end
  if m.phoneless == true or r.memberId == actor then return nil, 'not_allowed' end
  redis.call('HSET', K.meta, 'hostMemberId', r.memberId)
  return { type = 'host', memberId = r.memberId }, true
end end

if kind == 'order.lock' then handler = function(r)
  if not isHost() then return nil, 'not_the_host' end
  redis.call('HSET', K.meta, 'locked', r.locked and '1' or '0')
  return { type = 'order', locked = r.locked }, true
end end

-- The round becomes a record of what was ordered (with the dishes and members as they were), and
-- the next round starts empty, open, and with nobody done.
if kind == 'order.placed' then handler = function(r)
  if not isHost() then return nil, 'not_the_host' end
  local round = tonumber(redis.call('HGET', K.meta, 'round') or '1')
  if r.round ~= round then return nil, 'not_allowed' end
  if round >= LIMITS.rounds then return nil, 'limit_reached' end
  local picks = hashToTable(K.picks)
  local shares = hashToTable(K.shares)
  if next(picks) == nil and next(shares) == nil then return nil, 'not_allowed' end
  local ordered = {}
  for field in pairs(picks) do ordered[string.match(field, '^([^:]+):')] = true end
  for _, stored in pairs(shares) do ordered[cjson.decode(stored).dishId] = true end
  local dishes = {}
  for dishId in pairs(ordered) do dishes[dishId] = redis.call('HGET', K.menu, dishId) end
  local members = hashToTable(K.members)
  local placed = { round = round, placedAt = NOW, picks = picks, notes = hashToTable(K.notes), shares = shares,
    dishes = dishes, members = members }
  redis.call('HSET', K.rounds, tostring(round), cjson.encode(placed))
  wrote(K.rounds)
  redis.call('DEL', K.picks, K.notes, K.shares)
  redis.call('HSET', K.meta, 'round', round + 1, 'locked', '0')
  for id, stored in pairs(members) do
    local m = cjson.decode(stored)
    if m.done then
      m.done = false
      redis.call('HSET', K.members, id, cjson.encode(m))
    end
  end
  return { type = 'round', placed = placed }, false
end end

if kind == 'room.close' then handler = function(r)
  if not isHost() then return nil, 'not_the_host' end
  redis.call('HSET', K.meta, 'closed', '1', 'locked', '1')
  return { type = 'closed' }, true
end end

-- Members already in keep everything; only member:join (ADD_MEMBER_LUA) is refused while closed.
if kind == 'room.joining' then handler = function(r)
  if not isHost() then return nil, 'not_the_host' end
  redis.call('HSET', K.meta, 'joining', r.open and '1' or '0')
  return { type = 'joining', open = r.open }, true
end end

if kind == 'share.offer' then handler = function(r)
  if isLocked() then return nil, 'order_locked' end
  if not dishExists(r.dishId) then return nil, 'unknown_dish' end
  local share = loadShare(r.shareId)
  local asked = split(r.memberIds)
  for _, id in ipairs(asked) do
    if redis.call('HEXISTS', K.members, id) == 0 then return nil, 'not_a_member' end
  end
  local members
  if share then
    if share.by ~= actor and not isHost() then return nil, 'not_allowed' end
    if share.dishId ~= r.dishId then return nil, 'not_allowed' end
    -- Who already said yes stays on the plate if still asked; the offering member always does.
    members = { share.by }
    for _, id in ipairs(split(share.members)) do
      if id ~= share.by and contains(asked, id) then members[#members + 1] = id end
    end
  else
    if redis.call('HLEN', K.shares) >= LIMITS.shares then return nil, 'limit_reached' end
    share = { dishId = r.dishId, by = actor, createdAt = NOW }
    members = { actor }
  end
  local invited = {}
  for _, id in ipairs(asked) do
    if not contains(members, id) then
      -- Someone without a phone cannot answer: the member who speaks for them put them on the plate.
      if loadMember(id).phoneless == true then members[#members + 1] = id else invited[#invited + 1] = id end
    end
  end
  share.plates = r.plates
  share.members = join(members)
  share.invited = join(invited)
  return saveShare(r.shareId, share), true
end end

if kind == 'share.respond' then handler = function(r)
  if isLocked() then return nil, 'order_locked' end
  local share = loadShare(r.shareId)
  if not share then return nil, 'not_allowed' end
  local members, invited = split(share.members), split(share.invited)
  if not contains(members, actor) and not contains(invited, actor) then return nil, 'not_allowed' end
  invited = without(invited, actor)
  members = without(members, actor)
  if r.accept then members[#members + 1] = actor end
  share.members = join(members)
  share.invited = join(invited)
  return saveShare(r.shareId, share), true
end end

if kind == 'share.cancel' then handler = function(r)
  if isLocked() then return nil, 'order_locked' end
  local share = loadShare(r.shareId)
  if not share then return nil, 'not_allowed' end
  if share.by ~= actor and not isHost() then return nil, 'not_allowed' end
  redis.call('HDEL', K.shares, r.shareId)
  return { type = 'share.removed', shareId = r.shareId }, true
end end

-- One explanation per member and dish, in their own words; allowed while the order is locked (it
-- does not change the order), refused once the room is closed (like everything else).
if kind == 'dish.explain' then handler = function(r)
  if not dishExists(r.dishId) then return nil, 'unknown_dish' end
  local field = r.dishId .. ':' .. actor
  if r.text == '' then
    redis.call('HDEL', K.explanations, field)
  else
    redis.call('HSET', K.explanations, field, cjson.encode({ text = r.text, at = NOW }))
    wrote(K.explanations)
  end
  return { type = 'explanation', explanation = { dishId = r.dishId, memberId = actor, text = r.text, at = NOW } }, true
end end

-- Dish ids are never reused (new ones continue from a counter), so a late pick for a removed dish
-- can never land on a new one; picks, notes and shared plates of removed dishes go with them.
-- The dishes come as ARGV pairs after the limits (MENU_ARGS): id ('' for a new dish) and the
-- dish in its stored form, so nothing is decoded or encoded here. The work is proportional to the
-- menu plus the removed dishes: only dishes whose stored form changed are written, and only the
-- removed dishes' fields are deleted (one per member: every pick, note and explanation belongs to
-- a current member, since removing a member removes theirs), so a 300-dish update of a busy room
-- never rescans its picks. The change names the ids in order; the store adds the dishes it sent.
local MENU_ARGS = 9
local menuChanged = false
if kind == 'menu.replace' then handler = function(r)
  if not isHost() then return nil, 'not_the_host' end
  if #ARGV < MENU_ARGS + 1 then return nil, 'invalid_payload' end
  local before = hashToTable(K.menu)
  local kept = {}
  -- Every check before the first write.
  for i = MENU_ARGS, #ARGV, 2 do
    local id = ARGV[i]
    if id ~= '' then
      if not before[id] then return nil, 'unknown_dish' end
      if kept[id] then return nil, 'invalid_payload' end
      kept[id] = true
    end
  end
  local ids = {}
  for i = MENU_ARGS, #ARGV, 2 do
    local id = ARGV[i]
    if id == '' then
      id = 'd' .. redis.call('HINCRBY', K.meta, 'nextDish', 1)
      kept[id] = true
    end
    if before[id] ~= ARGV[i + 1] then redis.call('HSET', K.menu, id, ARGV[i + 1]) end
    ids[#ids + 1] = id
  end
  wrote(K.menu)
  local removed = {}
  for id in pairs(before) do
    if not kept[id] then removed[#removed + 1] = id end
  end
  if #removed > 0 then
    local memberIds = redis.call('HKEYS', K.members)
    for _, dishId in ipairs(removed) do
      redis.call('HDEL', K.menu, dishId)
      if #memberIds > 0 then
        local fields = {}
        for i, memberId in ipairs(memberIds) do fields[i] = dishId .. ':' .. memberId end
        for _, key in ipairs({ K.picks, K.notes, K.explanations }) do redis.call('HDEL', key, unpack(fields)) end
      end
    end
    -- At most LIMITS.shares plates: cheap to read whole.
    local gone = {}
    for _, id in ipairs(removed) do gone[id] = true end
    for shareId, stored in pairs(hashToTable(K.shares)) do
      if gone[cjson.decode(stored).dishId] then redis.call('HDEL', K.shares, shareId) end
    end
  end
  menuChanged = true
  return { type = 'menu', ids = join(ids) }, false
end end

-- Remembers the actor's operation and forgets the one OPS_KEPT_PER_MEMBER before it.
local OPS_KEPT = ${OPS_KEPT_PER_MEMBER}
local function remember(value)
  redis.call('HSET', K.ops, opField, value)
  local n = redis.call('HINCRBY', K.opLog, actor, 1)
  redis.call('HSET', K.opLog, actor .. '#' .. n, opId)
  local oldest = actor .. '#' .. (n - OPS_KEPT)
  local forgotten = redis.call('HGET', K.opLog, oldest)
  if forgotten then redis.call('HDEL', K.ops, actor .. '|' .. forgotten) redis.call('HDEL', K.opLog, oldest) end
  -- The two hashes are written and trimmed together, so they can only be new with the actor's first
  -- operation.
  if n == 1 then
    wrote(K.ops)
    wrote(K.opLog)
  end
end

if not handler then return {'err', 'unsupported_change'} end
local change, keepOrError = handler(request)
if not change then return {'err', keepOrError} end
local version = redis.call('HINCRBY', K.meta, 'version', 1)
-- Names the menu as it is now: a phone that has the menu of this version needs no dishes on sync.
if menuChanged then redis.call('HSET', K.meta, 'menuVersion', version) end
local changeJson = cjson.encode(change)
if keepOrError then remember(version .. '|' .. changeJson) else remember(tostring(version)) end
keepAlive()
return {'ok', version, changeJson}
`;

/**
 * Reads a room for a snapshot in one atomic step, writing nothing, for when Redis is out of memory
 * and refuses to queue a MULTI (a no-writes script still runs then, and never renews a TTL).
 * KEYS: snapshotKeys(roomId); ARGV: now, '1' to read the menu
 * → {} when the room does not exist, else {meta, menu, members, picks, notes, shares, rounds,
 *   explanations, online presence entries, pttl of meta} (hashes as flat field/value lists)
 */
export const SNAPSHOT_LUA = `#!lua flags=no-writes
local meta = redis.call('HGETALL', KEYS[1])
if #meta == 0 then return {} end
local reply = { meta, ARGV[2] == '1' and redis.call('HGETALL', KEYS[2]) or {} }
for i = 3, 8 do reply[#reply + 1] = redis.call('HGETALL', KEYS[i]) end
reply[#reply + 1] = redis.call('ZRANGEBYSCORE', KEYS[9], ARGV[1], '+inf')
reply[#reply + 1] = redis.call('PTTL', KEYS[1])
return reply
`;

/**
 * A replica's heartbeat for one room, in one call instead of six commands (a MULTI renewing its
 * connections, a sweep of expired ones, a read of who is online, and the version beacon's read):
 * at lunch time this runs for every room on every replica every few seconds.
 * KEYS: the room's presence and meta keys; ARGV: now, the entries' expiry, the key's TTL in ms,
 * then the connections this replica vouches for (encodePresence).
 * → {expired count, online entries, version or false}
 * No `#!lua` line: when Redis is out of memory the renewal fails (pcall) and the reads still run,
 * so members show offline until there is memory again, as with the MULTI before.
 */
export const PRESENCE_HEARTBEAT_LUA = `
local presence, meta = KEYS[1], KEYS[2]
local now, expiresAt, keyTtl = ARGV[1], ARGV[2], ARGV[3]
if #ARGV > 3 then
  local members = {}
  for i = 4, #ARGV do
    members[#members + 1] = expiresAt
    members[#members + 1] = ARGV[i]
  end
  redis.pcall('ZADD', presence, unpack(members))
  redis.pcall('PEXPIRE', presence, keyTtl)
end
local expired = redis.call('ZREMRANGEBYSCORE', presence, '-inf', now)
local live = redis.call('ZRANGEBYSCORE', presence, now, '+inf')
return {expired, live, redis.call('HGET', meta, 'version')}
`;
