package io.vishwaops.gateway.security;

import reactor.core.publisher.Mono;

/** A token bucket per caller: {@code vops.security.rate-limit.store} chooses where the buckets are. */
interface RateLimiter {

    /** 0 when the call may go ahead, else the whole seconds until it could. */
    Mono<Long> tryAcquire(String key);
}
