package io.vishwaops.gateway.security;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Who may call the platform and how much. Defaults are in {@code vops/gateway.properties}.
 *
 * @param enabled on unless switched off explicitly ({@code vops.security.enabled=false}); the status page reports it
 * @param identitySecret base64 of at least 32 random bytes; the gateway signs the caller's identity for the
 *        services with it, and they verify with the same secret
 * @param identityValidity how long a signed identity is good for after the gateway forwarded the request
 * @param apiKeysFile where API keys are kept (hashed) with the file store
 * @param apiKeys where API keys are kept: a file per gateway, or Redis shared by several
 * @param bootstrapAdminKeyHash hex SHA-256 of an admin key {@code vops_bootstrap_<secret>} the operator made (from a
 *        Kubernetes Secret): stored as key {@code bootstrap} at start unless that key was revoked
 * @param jwt bearer tokens from an identity provider; off while neither a JWK set nor an issuer is configured
 * @param rateLimit per API key or token subject
 * @param redis the Redis that the {@code redis} stores share
 * @param maxRequestSize the largest request body the gateway forwards
 * @param cors cross-origin browser access; none while no origin is listed
 */
@ConfigurationProperties("vops.security")
public record GatewaySecurityProperties(
        @DefaultValue("true") boolean enabled,
        @Nullable String identitySecret,
        @DefaultValue("30s") Duration identityValidity,
        @DefaultValue(".vops-data/gateway/api-keys.json") Path apiKeysFile,
        @DefaultValue ApiKeyStorage apiKeys,
        @Nullable String bootstrapAdminKeyHash,
        @DefaultValue Jwt jwt,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue Redis redis,
        @DefaultValue("2GB") DataSize maxRequestSize,
        @DefaultValue Cors cors) {

    public GatewaySecurityProperties {
        if (enabled && (identitySecret == null || identitySecret.isBlank())) {
            throw new IllegalArgumentException("vops.security.identity-secret is not set: the gateway signs each caller's "
                    + "identity for the services with it (set VOPS_SECURITY_IDENTITY_SECRET, base64 of 32 random bytes, "
                    + "the same for every service), or switch security off explicitly with vops.security.enabled=false");
        }
        if (bootstrapAdminKeyHash != null && bootstrapAdminKeyHash.isBlank()) {
            bootstrapAdminKeyHash = null;
        }
        if (bootstrapAdminKeyHash != null && !bootstrapAdminKeyHash.strip().matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("vops.security.bootstrap-admin-key-hash must be the hex SHA-256 of the key "
                    + "(64 hex digits, e.g. from: printf %s \"$KEY\" | sha256sum), not the key itself");
        }
        if (bootstrapAdminKeyHash != null) {
            bootstrapAdminKeyHash = bootstrapAdminKeyHash.strip().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param store {@code file} ({@code api-keys-file}, for one gateway) or {@code redis}: every gateway reads each
     *        key from Redis on each request, so a key created or revoked on one is honoured or refused by all at once
     */
    public record ApiKeyStorage(@DefaultValue("file") Store store) {

        public enum Store {
            FILE, REDIS
        }
    }

    /**
     * @param issuerUri the identity provider; its {@code iss} is required and, without {@code jwkSetUri}, its keys
     *        are found through OpenID discovery
     * @param jwkSetUri where the provider's public keys are
     * @param audience when set, a token must name it in {@code aud}
     * @param rolesClaim where the roles are, dotted for nested claims (Keycloak: {@code realm_access.roles})
     * @param userClaim the caller's name; {@code sub} when the claim is missing
     */
    public record Jwt(@Nullable URI issuerUri, @Nullable URI jwkSetUri, @Nullable String audience,
            @DefaultValue("roles") String rolesClaim, @DefaultValue("sub") String userClaim) {

        public boolean configured() {
            return issuerUri != null || jwkSetUri != null;
        }
    }

    /** What a gateway does with a caller's request while the Redis that holds the rate-limit buckets is unreachable. */
    public enum WhenRedisDown {
        /** count in a bucket in this gateway's memory, as with the memory store (each replica then allows the full rate) */
        MEMORY,
        /** let every request through unlimited */
        OPEN,
        /** refuse every rate-limited request with 503 */
        CLOSED
    }

    /**
     * @param burst how many requests a caller may make at once
     * @param perSecond how fast the allowance refills
     * @param store {@code memory} (a bucket per caller in each gateway's memory) or {@code redis} (one bucket per
     *        caller shared by every gateway)
     * @param whenRedisDown with the Redis store: {@code memory}, {@code open} or {@code closed}
     */
    public record RateLimit(@DefaultValue("200") int burst, @DefaultValue("100") double perSecond,
            @DefaultValue("memory") Store store, @DefaultValue("memory") WhenRedisDown whenRedisDown) {

        public enum Store {
            MEMORY, REDIS
        }

        public RateLimit {
            if (burst < 1 || perSecond <= 0) {
                throw new IllegalArgumentException("vops.security.rate-limit needs burst >= 1 and per-second > 0");
            }
        }
    }

    /**
     * @param url e.g. {@code redis://redis:6379}, {@code rediss://:password@redis:6380/0}
     * @param timeout for one command and for connecting; past it the command counts as failed
     * @param keyPrefix in front of every Redis key the gateway writes, to share a Redis with other applications
     * @param retryAfterFailure how long a gateway leaves Redis alone after a failed command before trying it again
     */
    public record Redis(@DefaultValue("redis://localhost:6379") URI url, @DefaultValue("1s") Duration timeout,
            @DefaultValue("vops:gateway:") String keyPrefix, @DefaultValue("1s") Duration retryAfterFailure) {
    }

    /**
     * @param allowedOrigins e.g. {@code https://notebooks.example.org}; empty: no cross-origin calls
     * @param maxAge how long a browser may cache a preflight answer
     */
    public record Cors(@DefaultValue List<String> allowedOrigins, @DefaultValue("1h") Duration maxAge) {
    }
}
