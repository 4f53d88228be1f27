package io.vishwaops.registry.system;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;

import io.vishwaops.identity.CallerIdentity;

/**
 * The one place that decides who the caller is: the identity the gateway signed and the caller-identity filter
 * verified ({@link CallerIdentity}); a request without one never reaches the registry while security is on. With
 * security switched off explicitly the filter takes the plain {@code X-Vops-User} / {@code X-Vops-Roles} headers
 * instead, and a request naming nobody runs as {@code anonymous}. Work outside a request (listeners, schedulers)
 * runs as {@code system}.
 */
@Component
public class CallerLookup {

    private static final Caller ANONYMOUS = new Caller("anonymous", java.util.Set.of());
    private static final Caller SYSTEM = new Caller("system", java.util.Set.of());

    public Caller current() {
        if (RequestContextHolder.getRequestAttributes() == null) {
            return SYSTEM;
        }
        return CallerIdentity.current().map(caller -> new Caller(caller.user(), caller.roles())).orElse(ANONYMOUS);
    }
}
