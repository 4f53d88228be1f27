package io.vishwaops.gateway.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

import reactor.core.publisher.Mono;

/**
 * A token bucket per caller, in memory: enough for one gateway (standalone, or one replica); replicas each count
 * on their own, so a cluster of n gateways lets a caller through up to n times the rate. Also what the Redis
 * limiter falls back to while Redis is down.
 */
final class MemoryRateLimiter implements RateLimiter {

    private final double burst;
    private final double perNano;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    MemoryRateLimiter(GatewaySecurityProperties.RateLimit limit, LongSupplier nanoTime) {
        this.burst = limit.burst();
        this.perNano = limit.perSecond() / 1e9;
        this.nanoTime = nanoTime;
    }

    @Override
    public Mono<Long> tryAcquire(String key) {
        return Mono.just(take(key));
    }

    long take(String key) {
        return buckets.computeIfAbsent(key, k -> new Bucket(burst, nanoTime.getAsLong())).take();
    }

    private final class Bucket {

        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        synchronized long take() {
            long now = nanoTime.getAsLong();
            tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
        }
    }
}
