// The rate gate's state in Redis, kept by Lua scripts so that every change is atomic across processes. They
// carry `AdaptiveGate`'s rules (src/internal/rate-gate.ts) over to one state that all processes sharing a key
// prefix read and write, on Redis's clock (TIME), so that no process's clock skew moves a pause:
// - `<prefix>gate`, a hash: the pause (`pu`, until when), the concurrency window (`w`), the learnt or set rate
//   (`r`, requests per second; absent for none yet), when the next request may go (`ns`), probes left after a pause
//   (`pr`), the last decrease (`ld`) and growth (`lg`), and the answers accepted per 100 ms slot over the last second
//   (`i0`..`i9` the slot, `c0`..`c9` its count). It expires `ttlMs` after its last change (plus any pause), so a
//   budget nobody uses is forgotten and a crashed process leaves nothing behind.
// - `<prefix>leases`, a sorted set: one member per request in flight, scored with the time its lease runs out.
//   Expired leases are dropped before every count, and the key expires with the last lease: a process that dies
//   with requests in flight holds their slots for `leaseMs` at most.
// - `<prefix>procs`, a sorted set: the processes that asked for a turn lately, scored with when they last did, so
//   that each knows its share of the budget should Redis stop answering.

/**
 * Reply of {@link ACQUIRE_SCRIPT}: `[granted (1), or not (0: paused or rate; 2: window full), waitMs, pauseMs,
 * rate × 10 (0: none), redisNowMs, processes that asked for a turn within presenceMs]`.
 */
export type AcquireReply = [number, number, number, number, number, number];

/** Reply of {@link RELEASE_SCRIPT}: `[pauseMs, extended (0|1), rate × 10 (0: none), redisNowMs]`. */
export type ReleaseReply = [number, number, number, number];

const CLOCK = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/**
 * Asks for a turn. KEYS: gate, leases, procs. ARGV: lease id, maxConcurrency, rate ceiling (0: none), leaseMs,
 * ttlMs, horizonMs, process id, presenceMs. Grants when the gate is open, a slot of the window is free and the next
 * send time is within `horizonMs` (the caller then waits the returned `waitMs` and sends); otherwise says how long
 * to wait. Either way it counts the processes that asked within `presenceMs`, this one included.
 */
export const ACQUIRE_SCRIPT = `${CLOCK}
local maxC, ceiling = tonumber(ARGV[2]), tonumber(ARGV[3])
local leaseMs, ttlMs, horizon = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local presence = tonumber(ARGV[8])
redis.call('ZADD', KEYS[3], now, ARGV[7])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - presence)
redis.call('PEXPIRE', KEYS[3], presence)
local procs = redis.call('ZCARD', KEYS[3])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local f = redis.call('HMGET', KEYS[1], 'pu', 'w', 'r', 'ns', 'pr')
local pu = tonumber(f[1]) or 0
local w = tonumber(f[2]) or math.min(4, maxC)
local r = tonumber(f[3]) or ceiling
local ns = tonumber(f[4]) or 0
local pr = tonumber(f[5]) or 0
local rate10 = math.floor(r * 10 + 0.5)
if now < pu then return {0, math.ceil(pu - now), math.ceil(pu - now), rate10, now, procs} end
local window = math.floor(math.min(w, maxC))
if pr > 0 then window = 1 end
if redis.call('ZCARD', KEYS[2]) >= window then return {2, 10, 0, rate10, now, procs} end
local delay = 0
if r > 0 then
  delay = math.max(0, ns - now)
  if delay > horizon then return {0, math.ceil(delay - horizon), 0, rate10, now, procs} end
  redis.call('HSET', KEYS[1], 'ns', string.format('%.3f', math.max(now, ns) + 1000 / r))
  redis.call('PEXPIRE', KEYS[1], ttlMs + math.max(0, pu - now))
end
redis.call('ZADD', KEYS[2], now + leaseMs, ARGV[1])
redis.call('PEXPIRE', KEYS[2], leaseMs)
return {1, math.ceil(delay), 0, rate10, now, procs}
`;

/**
 * How long the gate stays closed, asked just before a turn booked ahead is used: a 429 in another process since
 * the booking closed it. KEYS: gate. Reply: `[pauseMs, redisNowMs]`.
 */
export const PAUSE_SCRIPT = `${CLOCK}
local pu = tonumber(redis.call('HGET', KEYS[1], 'pu')) or 0
return {math.max(0, math.ceil(pu - now)), now}
`;

/**
 * Gives a turn back with how its attempt ended. KEYS: gate, leases. ARGV: lease id, result (`a` accepted, `f`
 * failed, `r` rate-limited, `x` never used), sentAt (Redis time), pauseMs, maxConcurrency, rate ceiling (0:
 * none), ttlMs, calls queued in the caller's process (0|1). Additive increase per accepted answer, one
 * multiplicative decrease per burst of 429s, and a rate learnt from the answers accepted in the second before one.
 */
export const RELEASE_SCRIPT = `${CLOCK}
redis.call('ZREM', KEYS[2], ARGV[1])
local result = ARGV[2]
local f = redis.call('HMGET', KEYS[1], 'pu', 'w', 'r', 'pr', 'ld', 'lg')
local pu = tonumber(f[1]) or 0
if result ~= 'a' and result ~= 'r' then return {math.max(0, pu - now), 0, 0, now} end
local sentAt, pauseMs = tonumber(ARGV[3]), tonumber(ARGV[4])
local maxC, ceiling, ttlMs = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local w = tonumber(f[2]) or math.min(4, maxC)
local r = tonumber(f[3]) or ceiling
local pr = tonumber(f[4]) or 0
local ld = tonumber(f[5]) or -1
local lg = tonumber(f[6]) or 0
local extended = 0
if result == 'a' then
  local slot = math.floor(now / 100)
  local i = slot % 10
  if tonumber(redis.call('HGET', KEYS[1], 'i' .. i)) ~= slot then
    redis.call('HSET', KEYS[1], 'i' .. i, slot, 'c' .. i, 1)
  else
    redis.call('HINCRBY', KEYS[1], 'c' .. i, 1)
  end
  if pr > 0 then
    pr = pr - 1
  else
    w = math.min(maxC, w + 1 / w)
    if r > 0 and ARGV[8] == '1' then
      local cap = math.huge
      if ceiling > 0 then cap = ceiling end
      r = math.min(cap, r + 2 * (now - lg) / 1000)
    end
    lg = now
  end
else
  local fullSecond = now - pu >= 1000
  local untilAt = now + pauseMs
  if untilAt > pu then
    pu = untilAt
    extended = 1
  end
  if sentAt >= ld then
    ld = now
    w = math.max(1, math.floor(w / 2))
    local current = math.floor(now / 100)
    local accepted = 0
    for i = 0, 9 do
      local s = redis.call('HMGET', KEYS[1], 'i' .. i, 'c' .. i)
      local id = tonumber(s[1])
      if id and id > current - 10 then accepted = accepted + (tonumber(s[2]) or 0) end
    end
    local estimate = r
    if fullSecond and accepted >= 5 then
      if r > 0 then estimate = math.min(r, accepted) else estimate = accepted end
    end
    if estimate > 0 then r = math.max(1, estimate * 0.9) end
    lg = untilAt
  end
  pr = 2
end
redis.call('HSET', KEYS[1], 'pu', string.format('%.3f', pu), 'w', string.format('%.6f', w), 'pr', pr,
  'ld', string.format('%.3f', ld), 'lg', string.format('%.3f', lg))
if r > 0 then redis.call('HSET', KEYS[1], 'r', string.format('%.6f', r)) end
redis.call('PEXPIRE', KEYS[1], ttlMs + math.max(0, pu - now))
return {math.max(0, math.ceil(pu - now)), extended, math.floor(r * 10 + 0.5), now}
`;
