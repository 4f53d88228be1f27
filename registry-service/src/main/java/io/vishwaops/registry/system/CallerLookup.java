package io.vishwaops.registry.system;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The one place that decides who the caller is. Until the gateway authenticates requests, it trusts the
 * {@code X-Vops-User} and {@code X-Vops-Roles} (comma separated) headers; the gateway will set and sign
 * them, and the signature check belongs here. Work outside a request (listeners, schedulers) runs as
 * {@code system}.
 */
@Component
public class CallerLookup {

    public static final String USER_HEADER = "X-Vops-User";
    public static final String ROLES_HEADER = "X-Vops-Roles";

    private static final Caller ANONYMOUS = new Caller("anonymous", Set.of());
    private static final Caller SYSTEM = new Caller("system", Set.of());

    public Caller current() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return SYSTEM;
        }
        HttpServletRequest request = attributes.getRequest();
        String user = request.getHeader(USER_HEADER);
        if (user == null || user.isBlank()) {
            return ANONYMOUS;
        }
        String roles = request.getHeader(ROLES_HEADER);
        Set<String> roleSet = roles == null ? Set.of()
                : Arrays.stream(roles.split(",")).map(String::strip).filter(r -> !r.isEmpty())
                        .collect(Collectors.toUnmodifiableSet());
        return new Caller(user.strip(), roleSet);
    }
}
