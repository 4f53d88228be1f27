package io.vishwaops.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where each backend lives and how long the status page waits for it. Defaults are in
 * {@code vops/gateway.properties}; {@code VOPS_GATEWAY_SERVICES_<SERVICE>} overrides one URI.
 *
 * @param services base URI (scheme, host, port) of every backend
 * @param statusTimeout how long the platform status page waits for one backend's health
 */
@ConfigurationProperties("vops.gateway")
public record GatewayProperties(Map<Backend, URI> services, Duration statusTimeout) {

    public GatewayProperties(@Nullable Map<Backend, URI> services, @Nullable Duration statusTimeout) {
        // Fail at startup: a missing URI would otherwise surface as a 404 or 503 on the first request.
        // Unknown keys (a typo such as "ingestoin") already fail binding, because the key is an enum.
        Map<Backend, URI> given = services == null ? Map.of() : services;
        Set<Backend> missing = EnumSet.allOf(Backend.class);
        missing.removeAll(given.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("vops.gateway.services has no URI for " + missing.stream().map(Backend::id).toList());
        }
        given.forEach(GatewayProperties::requireBaseUri);
        if (statusTimeout == null || statusTimeout.isNegative() || statusTimeout.isZero()) {
            throw new IllegalArgumentException("vops.gateway.status-timeout must be positive, was " + statusTimeout);
        }
        this.services = Collections.unmodifiableMap(new EnumMap<>(given));
        this.statusTimeout = statusTimeout;
    }

    public URI uri(Backend backend) {
        return services.get(backend);
    }

    private static void requireBaseUri(Backend backend, URI uri) {
        boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
        // The gateway forwards the request path unchanged and uses only scheme, host and port of the
        // route URI, so a base path here would be silently dropped.
        boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
        if (!http || uri.getHost() == null || !bare || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("vops.gateway.services." + backend.id()
                    + " must be an http(s) base URI like http://host:8081 without a path, was " + uri);
        }
    }
}
