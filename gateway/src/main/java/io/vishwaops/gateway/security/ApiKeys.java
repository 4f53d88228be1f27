package io.vishwaops.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.vishwaops.gateway.routing.Role;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * API keys: created with roles and an optional expiry, shown once, kept only as a SHA-256 hash
 * ({@link ApiKeyStore}: a file, or Redis shared by several gateways), revoked at once. A key is
 * {@code vops_<id>_<secret>}: the id finds the entry, the hash of the whole key proves it. The secret part is 256
 * random bits, so a fast hash is enough (a slow password hash guards guessable passwords, which these are not).
 */
@Component
public class ApiKeys {

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

    private static final String PREFIX = "vops_";
    /** The id of the admin key the operator brings (its hash in {@code vops.security.bootstrap-admin-key-hash}). */
    static final String BOOTSTRAP_ID = "bootstrap";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiKeyStore store;
    private final Clock clock;

    @Autowired
    ApiKeys(GatewaySecurityProperties properties, GatewayRedis redis) {
        this(properties.apiKeys().store() == GatewaySecurityProperties.ApiKeyStorage.Store.REDIS
                ? new RedisApiKeyStore(redis)
                : new FileApiKeyStore(properties.apiKeysFile()), Clock.systemUTC());
    }

    ApiKeys(ApiKeyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * A stored key: never the key itself.
     *
     * @param id the public part, in the key and in the admin API
     * @param sha256 hex SHA-256 of the whole key
     */
    public record ApiKey(String id, String name, Set<Role> roles, Instant createdAt, @Nullable Instant expiresAt,
            @Nullable Instant revokedAt, String createdBy, String sha256) {

        boolean usableAt(Instant now) {
            return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
        }

        ApiKey revokedAt(Instant when) {
            return new ApiKey(id, name, roles, createdAt, expiresAt, when, createdBy, sha256);
        }
    }

    /** A new key and the one time its secret is seen. */
    public record Created(ApiKey key, String secret) {
    }

    public Mono<Created> create(String name, Set<Role> roles, @Nullable Instant expiresAt, String createdBy) {
        Created created = newKey(name, roles, expiresAt, createdBy);
        return store.put(created.key())
                .doOnSuccess(done -> log.info("API key {} ('{}') created by {} with roles {}", created.key().id(), name,
                        createdBy, roles))
                .thenReturn(created);
    }

    /**
     * At the first start of a standalone platform: an admin key, when there is no key at all yet. Blocks: for
     * start-up, not for a request.
     */
    public Optional<Created> createFirstAdminKey() {
        Created created = newKey("admin", Set.of(Role.ADMIN), null, "first start");
        boolean stored = Boolean.TRUE.equals(store.putIfEmpty(created.key()).block());
        if (stored) {
            log.info("API key {} ('admin') created at first start", created.key().id());
        }
        return stored ? Optional.of(created) : Optional.empty();
    }

    /**
     * The operator's admin key, given as a hash ({@code vops.security.bootstrap-admin-key-hash}), stored as key
     * {@code bootstrap}: added when missing, its hash replaced when the operator changed the secret; a revoked one
     * stays revoked, so revoking it once real admin keys exist is final. Blocks: for start-up, trying again every
     * second for {@code patience} while the store is unreachable.
     */
    void storeBootstrapAdminKey(String sha256, Duration patience) {
        // A gateway may start before its Redis does (a cluster coming up): keep trying for a while before giving up.
        Mono.defer(() -> storeBootstrapAdminKey(sha256))
                .retryWhen(Retry.fixedDelay(Math.max(0, patience.toSeconds()), Duration.ofSeconds(1))
                        .filter(SecurityProblem.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .block();
    }

    private Mono<Void> storeBootstrapAdminKey(String sha256) {
        return store.find(BOOTSTRAP_ID).map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap(found -> {
            ApiKey existing = found.orElse(null);
            if (existing != null && (existing.revokedAt() != null || existing.sha256().equals(sha256))) {
                if (existing.revokedAt() != null) {
                    log.info("The bootstrap admin key was revoked on {}; it stays revoked", existing.revokedAt());
                }
                return Mono.<Void>empty();
            }
            ApiKey key = new ApiKey(BOOTSTRAP_ID, "bootstrap-admin", Set.of(Role.ADMIN),
                    existing == null ? clock.instant() : existing.createdAt(), null, null, "operator (bootstrap)", sha256);
            return store.put(key).doOnSuccess(done -> log.info(existing == null ? "Bootstrap admin key stored from its hash"
                    : "Bootstrap admin key replaced: the operator gave a new hash"));
        });
    }

    public Flux<ApiKey> list() {
        return store.all().sort(Comparator.comparing(ApiKey::createdAt));
    }

    /** Revokes a key at once; empty when there is no such key. Revoking twice keeps the first time. */
    public Mono<ApiKey> revoke(String id, String by) {
        return store.find(id).flatMap(key -> {
            if (key.revokedAt() != null) {
                return Mono.just(key);
            }
            ApiKey revoked = key.revokedAt(clock.instant());
            return store.put(revoked)
                    .doOnSuccess(done -> log.info("API key {} ('{}') revoked by {}", id, key.name(), by))
                    .thenReturn(revoked);
        });
    }

    /**
     * The key this secret proves, when it is known, not revoked and not expired; empty otherwise. An error (a 503
     * problem) when the store cannot be reached.
     */
    public Mono<ApiKey> authenticate(String secret) {
        if (!secret.startsWith(PREFIX)) {
            return Mono.empty();
        }
        int end = secret.indexOf('_', PREFIX.length());
        if (end < 0) {
            return Mono.empty();
        }
        String hash = sha256(secret);
        return store.find(secret.substring(PREFIX.length(), end))
                .filter(key -> MessageDigest.isEqual(key.sha256().getBytes(StandardCharsets.US_ASCII),
                        hash.getBytes(StandardCharsets.US_ASCII)))
                .filter(key -> key.usableAt(clock.instant()));
    }

    public static boolean looksLikeApiKey(String credential) {
        return credential.startsWith(PREFIX);
    }

    private Created newKey(String name, Set<Role> roles, @Nullable Instant expiresAt, String createdBy) {
        String id = HexFormat.of().formatHex(random(6));
        String secret = PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random(32));
        return new Created(new ApiKey(id, name, Set.copyOf(roles), clock.instant(), expiresAt, null, createdBy, sha256(secret)),
                secret);
    }

    private static byte[] random(int bytes) {
        byte[] out = new byte[bytes];
        RANDOM.nextBytes(out);
        return out;
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
