-- One caller's token bucket, shared by every gateway: read, refill, take and write back in one script, which Redis
-- runs atomically, so two gateways can never both spend the same token. Time is Redis's own clock (TIME), so the
-- gateways' clocks need not agree. The same arithmetic as MemoryRateLimiter and as Spring Cloud Gateway's
-- request_rate_limiter.lua, with fractional tokens so that rates below one per second work.
--
-- KEYS[1]  the caller's bucket (a hash: tokens, at)
-- ARGV[1]  burst: the bucket's size
-- ARGV[2]  tokens added per second
-- returns  0 when a token was taken, else the whole seconds until one will be there
local burst = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local time = redis.call('TIME')
-- microseconds since the epoch: below 2^53, so exact in Lua's doubles
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])

local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = burst
  at = now
end
tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000000)

local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = math.max(1, math.ceil((1 - tokens) / rate))
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.6f', tokens), 'at', string.format('%.0f', now))
-- a bucket left alone until it is full again is the same as no bucket
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return wait
