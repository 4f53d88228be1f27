package io.vishwaops.identity;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service checks who is calling.
 *
 * @param enabled on unless switched off explicitly; off, the service believes the plain {@code X-Vops-User} and
 *        {@code X-Vops-Roles} headers (a local experiment, never a shared deployment)
 * @param identitySecret base64 of at least 32 random bytes, the same the gateway signs with
 *        ({@code VOPS_SECURITY_IDENTITY_SECRET}, from a Kubernetes Secret)
 * @param clockSkew how far the service's clock may be behind the gateway's
 * @param openPaths what answers without the gateway: probes, the Prometheus scrape and the API description
 */
@ConfigurationProperties("vops.security")
public record IdentityProperties(
        @DefaultValue("true") boolean enabled,
        @Nullable String identitySecret,
        @DefaultValue("5s") Duration clockSkew,
        @DefaultValue({"/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/v3/api-docs",
                "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"}) List<String> openPaths) {

    public IdentityProperties {
        if (enabled && (identitySecret == null || identitySecret.isBlank())) {
            throw new IllegalArgumentException("vops.security.identity-secret is not set: services accept only calls the "
                    + "gateway signed with it (set VOPS_SECURITY_IDENTITY_SECRET to the gateway's secret), "
                    + "or switch security off explicitly with vops.security.enabled=false");
        }
    }
}
