package io.vishwaops.gateway.security;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
 * @param apiKeysFile where API keys are kept (hashed)
 * @param jwt bearer tokens from an identity provider; off while neither a JWK set nor an issuer is configured
 * @param rateLimit per API key or token subject
 * @param maxRequestSize the largest request body the gateway forwards
 * @param cors cross-origin browser access; none while no origin is listed
 */
@ConfigurationProperties("vops.security")
public record GatewaySecurityProperties(
        @DefaultValue("true") boolean enabled,
        @Nullable String identitySecret,
        @DefaultValue("30s") Duration identityValidity,
        @DefaultValue(".vops-data/gateway/api-keys.json") Path apiKeysFile,
        @DefaultValue Jwt jwt,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue("2GB") DataSize maxRequestSize,
        @DefaultValue Cors cors) {

    public GatewaySecurityProperties {
        if (enabled && (identitySecret == null || identitySecret.isBlank())) {
            throw new IllegalArgumentException("vops.security.identity-secret is not set: the gateway signs each caller's "
                    + "identity for the services with it (set VOPS_SECURITY_IDENTITY_SECRET, base64 of 32 random bytes, "
                    + "the same for every service), or switch security off explicitly with vops.security.enabled=false");
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

    /**
     * @param burst how many requests a caller may make at once
     * @param perSecond how fast the allowance refills
     */
    public record RateLimit(@DefaultValue("200") int burst, @DefaultValue("100") double perSecond) {

        public RateLimit {
            if (burst < 1 || perSecond <= 0) {
                throw new IllegalArgumentException("vops.security.rate-limit needs burst >= 1 and per-second > 0");
            }
        }
    }

    /**
     * @param allowedOrigins e.g. {@code https://notebooks.example.org}; empty: no cross-origin calls
     * @param maxAge how long a browser may cache a preflight answer
     */
    public record Cors(@DefaultValue List<String> allowedOrigins, @DefaultValue("1h") Duration maxAge) {
    }
}
