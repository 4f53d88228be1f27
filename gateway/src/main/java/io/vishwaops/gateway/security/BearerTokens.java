package io.vishwaops.gateway.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoders;
import org.springframework.security.oauth2.jwt.SupplierReactiveJwtDecoder;

import io.vishwaops.gateway.routing.Role;
import reactor.core.publisher.Mono;

/**
 * OAuth2 / OIDC bearer tokens (JWT) from an identity provider, checked as a resource server would: signature
 * against the provider's JWK set, expiry and not-before (60 s of clock skew), issuer and audience when configured.
 * Roles come from a configurable claim; names the platform does not know are ignored.
 */
final class BearerTokens {

    private final GatewaySecurityProperties.Jwt settings;

    private final @Nullable ReactiveJwtDecoder decoder;

    BearerTokens(GatewaySecurityProperties.Jwt settings) {
        this.settings = settings;
        this.decoder = settings.configured() ? new SupplierReactiveJwtDecoder(this::decoder) : null;
    }

    boolean configured() {
        return decoder != null;
    }

    /** The caller a token proves, or a 401 naming what is wrong with it (never the token). */
    Mono<Caller> authenticate(String token) {
        if (decoder == null) {
            return Mono.error(SecurityProblem.unauthenticated(
                    "Bearer tokens are not accepted: no identity provider is configured (use an API key)"));
        }
        return decoder.decode(token)
                .onErrorMap(JwtException.class, BearerTokens::rejected)
                .map(this::caller);
    }

    // Built on first use, so a provider that is down does not keep the gateway from starting.
    private ReactiveJwtDecoder decoder() {
        NimbusReactiveJwtDecoder nimbus;
        if (settings.jwkSetUri() != null) {
            nimbus = NimbusReactiveJwtDecoder.withJwkSetUri(settings.jwkSetUri().toString()).build();
        }
        else {
            nimbus = (NimbusReactiveJwtDecoder) ReactiveJwtDecoders.fromIssuerLocation(settings.issuerUri().toString());
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(settings.issuerUri() != null ? JwtValidators.createDefaultWithIssuer(settings.issuerUri().toString())
                : JwtValidators.createDefault());
        if (settings.audience() != null) {
            String audience = settings.audience();
            validators.add(new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(audience)));
        }
        nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return nimbus;
    }

    private Caller caller(Jwt jwt) {
        String user = jwt.getClaimAsString(settings.userClaim());
        if (user == null || user.isBlank()) {
            user = jwt.getSubject();
        }
        if (user == null || user.isBlank()) {
            throw SecurityProblem.unauthenticated("The bearer token names no user (claim '" + settings.userClaim() + "' or 'sub')");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : roleNames(claim(jwt.getClaims(), settings.rolesClaim()))) {
            Role.byId(name).ifPresent(roles::add);
        }
        String issuer = jwt.getIssuer() == null ? "" : jwt.getIssuer().toString();
        return new Caller(user, roles, "jwt:" + issuer + "|" + jwt.getSubject());
    }

    private static @Nullable Object claim(Map<String, Object> claims, String path) {
        Object current = claims;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    // A list, or one string of names separated by spaces or commas (the OAuth2 'scope' style).
    private static List<String> roleNames(@Nullable Object claim) {
        if (claim instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (claim instanceof String text) {
            return List.of(text.trim().split("[\\s,]+"));
        }
        return List.of();
    }

    private static Throwable rejected(JwtException ex) {
        String why;
        if (ex instanceof JwtValidationException invalid) {
            why = String.join("; ", invalid.getErrors().stream().map(error -> error.getDescription() == null
                    ? error.getErrorCode() : error.getDescription()).toList());
        }
        else if (ex instanceof BadJwtException) {
            why = "not a token signed by the configured identity provider";
        }
        else {
            why = "the identity provider's keys could not be read";
        }
        return SecurityProblem.unauthenticated("The bearer token was rejected: " + why);
    }
}
