// Request tokens shared through Redis, one per key (a user's or browser session's id, hashed: the key names no
// user), with one request for a new token across every process: a short lock with a TTL decides who sends it.
// - `<prefix>token:<key hash>`: `<expiresAtMs>|<requestToken>`, expiring when the token does.
// - `<prefix>token-lock:<key hash>`: the id of the process creating that key's token; it expires after `lockMs`,
//   so a process that dies while creating one holds the others back no longer than that.
// - `<prefix>token-of:<token hash>`: the token key a token is stored under, with the same expiry, so that any
//   process can forget a token that was used (`createSession`), whichever process created it.

/** Reply of {@link TAKE_TOKEN_SCRIPT}: `[1, stored value]` found, `[2]` lock taken: create it, `[0, lockPttl]` wait. */
export type TakeTokenReply = [1, string] | [2] | [0, number];

/**
 * A key's token with life left in it, or the lock to create one. KEYS: token, lock. ARGV: lock id, lockMs, the
 * least expiry (ms since the epoch) a token must have to be handed out.
 */
export const TAKE_TOKEN_SCRIPT = `
local value = redis.call('GET', KEYS[1])
if value then
  local bar = string.find(value, '|', 1, true)
  if bar and tonumber(string.sub(value, 1, bar - 1)) > tonumber(ARGV[3]) then return {1, value} end
end
if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return {2} end
return {0, redis.call('PTTL', KEYS[2])}
`;

/**
 * Stores a new token and lifts the lock when it is still ours. KEYS: token, lock, token-of. ARGV: value, ttlMs,
 * lock id.
 */
export const PUT_TOKEN_SCRIPT = `
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('SET', KEYS[3], KEYS[1], 'PX', ARGV[2])
if redis.call('GET', KEYS[2]) == ARGV[3] then redis.call('DEL', KEYS[2]) end
return 1
`;

/** Forgets a used or refused token, under whichever key holds it. KEYS: token-of. ARGV: the token. */
export const DROP_TOKEN_SCRIPT = `
local tokenKey = redis.call('GET', KEYS[1])
if not tokenKey then return 0 end
redis.call('DEL', KEYS[1])
local value = redis.call('GET', tokenKey)
if value and string.sub(value, -string.len(ARGV[1]) - 1) == '|' .. ARGV[1] then redis.call('DEL', tokenKey) end
return 1
`;

/** Lifts a key's lock when it is still ours (creating the token failed). KEYS: lock. ARGV: lock id. */
export const UNLOCK_TOKEN_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
`;
