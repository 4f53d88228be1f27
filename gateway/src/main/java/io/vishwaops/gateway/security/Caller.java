package io.vishwaops.gateway.security;

import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.web.server.ServerWebExchange;

import io.vishwaops.gateway.routing.Role;
import io.vishwaops.identity.CallerIdentity;

/**
 * An authenticated caller.
 *
 * @param user the API key's name or the token's user claim
 * @param roles what the key or token grants
 * @param limitKey what the rate limit counts against: the key's id or the token's issuer and subject
 */
public record Caller(String user, Set<Role> roles, String limitKey) {

    static final String ATTRIBUTE = Caller.class.getName();

    public Caller {
        roles = Set.copyOf(roles);
    }

    CallerIdentity identity() {
        return new CallerIdentity(user, roles.stream().map(Role::id).collect(Collectors.toSet()));
    }

    /** The caller the security filter authenticated for this exchange; null with security off or on public paths. */
    public static @Nullable Caller of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }
}
