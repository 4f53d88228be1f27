package io.vishwaops.registry.system;

import java.util.Set;

/** Who is asking: a user name and the roles the gateway vouched for. */
public record Caller(String user, Set<String> roles) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
