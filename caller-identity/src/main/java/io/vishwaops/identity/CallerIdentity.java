package io.vishwaops.identity;

import java.util.Optional;
import java.util.Set;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Who is calling, as the gateway vouched for it: a user name (the API key's name or the token's subject) and
 * the platform roles the gateway granted.
 *
 * @param user who is calling
 * @param roles the roles the gateway granted ({@code viewer}, {@code data-engineer}, ...)
 */
public record CallerIdentity(String user, Set<String> roles) {

    /** The request attribute the services' filter keeps the caller under. */
    public static final String ATTRIBUTE = CallerIdentity.class.getName();

    public CallerIdentity {
        if (user.isBlank()) {
            throw new IllegalArgumentException("a caller needs a name");
        }
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /**
     * The caller of the request this thread serves; empty outside a request (listeners, schedulers) and, when
     * security is switched off, for a request that named no caller.
     */
    public static Optional<CallerIdentity> current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes == null) {
            return Optional.empty();
        }
        return Optional.ofNullable((CallerIdentity) attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST));
    }
}
