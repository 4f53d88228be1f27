package io.vishwaops.gateway.security;

import java.util.List;
import java.util.Locale;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vishwaops.gateway.security.GatewaySecurityProperties.WhenRedisDown;
import reactor.core.publisher.Mono;

/**
 * One token bucket per caller in Redis, shared by every gateway replica: the bucket is read, refilled and spent by
 * one Lua script ({@code vops/redis/token-bucket.lua}), which Redis runs atomically. While Redis cannot be reached,
 * {@code when-redis-down} decides: a bucket in this gateway's memory (the default), no limit, or a 503; every
 * request decided that way counts in {@code vops_gateway_rate_limit_fallback_total}.
 *
 * <p>Spring Cloud Gateway's own {@code RedisRateLimiter} is a route filter with one limit per route; here the limit
 * is per caller on every route, decided in the security filter, and rates below one a second must work, so the
 * same algorithm is kept in a script of our own.
 */
final class RedisRateLimiter implements RateLimiter {

    private static final RedisScript<Long> TOKEN_BUCKET =
            RedisScript.of(new ClassPathResource("vops/redis/token-bucket.lua"), Long.class);

    private final GatewayRedis redis;
    private final List<String> limit;
    private final WhenRedisDown whenDown;
    private final MemoryRateLimiter fallback;
    private final Counter fallbacks;

    RedisRateLimiter(GatewaySecurityProperties.RateLimit limit, GatewayRedis redis, MemoryRateLimiter fallback,
            MeterRegistry meters) {
        this.redis = redis;
        this.limit = List.of(Integer.toString(limit.burst()), Double.toString(limit.perSecond()));
        this.whenDown = limit.whenRedisDown();
        this.fallback = fallback;
        this.fallbacks = Counter.builder("vops.gateway.rate.limit.fallback")
                .description("requests whose rate limit was decided without Redis, because it could not be reached")
                .tag("when_redis_down", whenDown.name().toLowerCase(Locale.ROOT))
                .register(meters);
    }

    @Override
    public Mono<Long> tryAcquire(String key) {
        if (!redis.available()) {
            return fallBack(key);
        }
        Mono<Long> command = redis.template()
                .execute(TOKEN_BUCKET, List.of(redis.key("rate:" + key)), limit)
                .next();
        return redis.call("rate limit", command).onErrorResume(ex -> fallBack(key));
    }

    private Mono<Long> fallBack(String key) {
        fallbacks.increment();
        return switch (whenDown) {
            case MEMORY -> Mono.just(fallback.take(key));
            case OPEN -> Mono.just(0L);
            case CLOSED -> Mono.error(SecurityProblem.storeUnavailable(
                    "The rate limit cannot be checked just now (its store is unreachable); try again shortly"));
        };
    }
}
