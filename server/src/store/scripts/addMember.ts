// Adds a member with a secret token (only its SHA-256 is stored) and bumps the room version.
// KEYS: meta, menu, members, tokens, picks, ops (see mutationKeys)
// ARGV: memberId, memberJson, tokenHash, maxMembers, roomTtlSeconds
export const ADD_MEMBER_LUA = `
local meta, members, tokens = KEYS[1], KEYS[3], KEYS[4]
local memberId, memberJson, tokenHash, maxMembers, ttl = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5]
if redis.call('EXISTS', meta) == 0 then return {'err', 'room_not_found'} end
if redis.call('HLEN', members) >= maxMembers then return {'err', 'room_full'} end
redis.call('HSET', members, memberId, memberJson)
redis.call('HSET', tokens, tokenHash, memberId)
local version = redis.call('HINCRBY', meta, 'version', 1)
for i = 1, #KEYS do redis.call('EXPIRE', KEYS[i], ttl) end
return {'ok', version}
`;
