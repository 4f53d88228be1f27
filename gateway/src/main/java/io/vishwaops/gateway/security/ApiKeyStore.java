package io.vishwaops.gateway.security;

import io.vishwaops.gateway.security.ApiKeys.ApiKey;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where API keys are kept (hashed): {@code vops.security.api-keys.store}, a file or Redis. */
interface ApiKeyStore {

    /** The key with this id; empty when there is none. */
    Mono<ApiKey> find(String id);

    /** Adds the key, or replaces the one with its id. */
    Mono<Void> put(ApiKey key);

    Flux<ApiKey> all();

    /** Adds the key only when the store holds no key at all; true when it did. */
    Mono<Boolean> putIfEmpty(ApiKey key);
}
