package io.vishwaops.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Lets a request in only with an identity the gateway signed, so the gateway cannot be bypassed from inside the
 * network; the probes and the scrape stay open. Downstream code sees the caller as {@link CallerIdentity} and in
 * the plain {@code X-Vops-User} / {@code X-Vops-Roles} headers, which this filter replaces with the verified
 * values (whatever the request carried), so code that reads them needs no change.
 *
 * <p>With security switched off the plain headers are believed as sent.
 */
class IdentityFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(IdentityFilter.class);

    private static final String REQUEST_ID = "X-Request-Id";

    private final @Nullable SignedIdentity signatures;

    private final IdentityProperties properties;

    private final List<PathPattern> openPaths;

    private final Clock clock;

    IdentityFilter(IdentityProperties properties, Clock clock) {
        this.properties = properties;
        this.signatures = properties.enabled() ? SignedIdentity.fromBase64(properties.identitySecret()) : null;
        this.openPaths = properties.openPaths().stream().map(PathPatternParser.defaultInstance::parse).toList();
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = request.getHeader(REQUEST_ID);
        if (requestId != null) {
            MDC.put("requestId", requestId);
        }
        try {
            CallerIdentity caller;
            if (signatures == null) {
                caller = fromPlainHeaders(request);
            }
            else {
                String header = request.getHeader(SignedIdentity.HEADER);
                if (header == null) {
                    if (isOpen(request)) {
                        chain.doFilter(new VerifiedRequest(request, null), response);
                        return;
                    }
                    refuse(request, response, "This service accepts calls only through the gateway: the "
                            + SignedIdentity.HEADER + " header is missing");
                    return;
                }
                try {
                    caller = signatures.verify(header, requestId == null ? "" : requestId,
                            clock.instant().minus(properties.clockSkew()));
                }
                catch (SignedIdentity.Invalid ex) {
                    log.warn("Refused {} {}: {}", request.getMethod(), request.getRequestURI(), ex.getMessage());
                    refuse(request, response, ex.getMessage());
                    return;
                }
            }
            if (caller != null) {
                request.setAttribute(CallerIdentity.ATTRIBUTE, caller);
                MDC.put("user", caller.user());
            }
            chain.doFilter(new VerifiedRequest(request, caller), response);
        }
        finally {
            MDC.remove("requestId");
            MDC.remove("user");
        }
    }

    private boolean isOpen(HttpServletRequest request) {
        PathContainer path = PathContainer.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
        return openPaths.stream().anyMatch(pattern -> pattern.matches(path));
    }

    private static @Nullable CallerIdentity fromPlainHeaders(HttpServletRequest request) {
        String user = request.getHeader(SignedIdentity.USER_HEADER);
        if (user == null || user.isBlank()) {
            return null;
        }
        String roles = request.getHeader(SignedIdentity.ROLES_HEADER);
        Set<String> roleSet = roles == null ? Set.of()
                : Arrays.stream(roles.split(",")).map(String::strip).filter(role -> !role.isEmpty())
                        .collect(Collectors.toCollection(LinkedHashSet::new));
        return new CallerIdentity(user.strip(), roleSet);
    }

    // Written here, not by the service's advice: a refused request never reaches a controller.
    private static void refuse(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        // JSON is UTF-8 by definition (RFC 8259): no charset parameter, bytes written as such
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        String requestId = request.getHeader(REQUEST_ID);
        response.getOutputStream().write(("{\"type\":\"https://vishwaops.io/problems/unauthenticated\",\"title\":\"Unauthorized\","
                + "\"status\":401,\"detail\":" + json(detail) + ",\"instance\":" + json(request.getRequestURI())
                + (requestId == null ? "" : ",\"requestId\":" + json(requestId)) + "}").getBytes(StandardCharsets.UTF_8));
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    }
                    else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** The request with the caller's plain headers taken from the verified identity, and nothing else claiming one. */
    private static final class VerifiedRequest extends HttpServletRequestWrapper {

        private final @Nullable CallerIdentity caller;

        VerifiedRequest(HttpServletRequest request, @Nullable CallerIdentity caller) {
            super(request);
            this.caller = caller;
        }

        @Override
        public @Nullable String getHeader(String name) {
            if (SignedIdentity.USER_HEADER.equalsIgnoreCase(name)) {
                return caller == null ? null : caller.user();
            }
            if (SignedIdentity.ROLES_HEADER.equalsIgnoreCase(name)) {
                return caller == null ? null : String.join(",", caller.roles());
            }
            return super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (SignedIdentity.USER_HEADER.equalsIgnoreCase(name) || SignedIdentity.ROLES_HEADER.equalsIgnoreCase(name)) {
                String value = getHeader(name);
                return Collections.enumeration(value == null ? List.of() : List.of(value));
            }
            return super.getHeaders(name);
        }
    }
}
