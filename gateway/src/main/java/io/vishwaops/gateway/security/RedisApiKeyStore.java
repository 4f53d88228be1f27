package io.vishwaops.gateway.security;

import java.util.List;

import org.springframework.data.redis.core.script.RedisScript;

import io.vishwaops.gateway.security.ApiKeys.ApiKey;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * API keys in one Redis hash ({@code <prefix>api-keys}: key id → the key as JSON, hash and all, never the secret),
 * shared by every gateway. Nothing is cached: each authentication reads its key (one {@code HGET}), so a key
 * created or revoked through one gateway is honoured or refused by every other from the next request on. While
 * Redis is unreachable, calls with an API key get a 503 problem (bearer tokens keep working).
 */
final class RedisApiKeyStore implements ApiKeyStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final RedisScript<Boolean> PUT_IF_EMPTY = RedisScript.of("""
            if redis.call('HLEN', KEYS[1]) == 0 then
              redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
              return 1
            end
            return 0""", Boolean.class);

    private final GatewayRedis redis;
    private final String hash;

    RedisApiKeyStore(GatewayRedis redis) {
        this.redis = redis;
        this.hash = redis.key("api-keys");
    }

    @Override
    public Mono<ApiKey> find(String id) {
        return call("read an API key", Mono.defer(() -> redis.template().<String, String>opsForHash().get(hash, id)))
                .map(json -> JSON.readValue(json, ApiKey.class));
    }

    @Override
    public Mono<Void> put(ApiKey key) {
        return call("store an API key", Mono.defer(() -> redis.template().<String, String>opsForHash()
                .put(hash, key.id(), JSON.writeValueAsString(key)))).then();
    }

    @Override
    public Flux<ApiKey> all() {
        return call("list the API keys", Mono.defer(() -> redis.template().<String, String>opsForHash().values(hash).collectList()))
                .flatMapIterable(values -> values)
                .map(json -> JSON.readValue(json, ApiKey.class));
    }

    @Override
    public Mono<Boolean> putIfEmpty(ApiKey key) {
        return call("store the first API key", Mono.defer(() -> redis.template()
                .execute(PUT_IF_EMPTY, List.of(hash), List.of(key.id(), JSON.writeValueAsString(key))).next()));
    }

    private <T> Mono<T> call(String what, Mono<T> command) {
        if (!redis.available()) {
            return Mono.error(unavailable());
        }
        return redis.call(what, command).onErrorMap(ex -> !(ex instanceof SecurityProblem), ex -> unavailable());
    }

    private static SecurityProblem unavailable() {
        return SecurityProblem.storeUnavailable("API keys cannot be checked just now (their store is unreachable); "
                + "try again shortly");
    }
}
