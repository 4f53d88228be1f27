package io.vishwaops.gateway.routing;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The platform's roles; an API key or a token carries some of them, the route table says which a call needs. */
public enum Role {

    /** reads everything: datasets, reports, runs, models, monitoring */
    VIEWER("viewer"),
    /** defines datasets and sends records in */
    DATA_ENGINEER("data-engineer"),
    /** writes pipelines, runs and model versions */
    DATA_SCIENTIST("data-scientist"),
    /** decides on alias moves that need approval */
    APPROVER("approver"),
    /** an application: predictions and feedback */
    APP("app"),
    /** everything, including API keys */
    ADMIN("admin");

    private final String id;

    Role(String id) {
        this.id = id;
    }

    /** The name on the wire: in API keys, token claims and the identity header. */
    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    static Role fromJson(String id) {
        return byId(id).orElseThrow(() -> new IllegalArgumentException("unknown role '" + id + "'"));
    }

    public static Optional<Role> byId(String id) {
        for (Role role : values()) {
            if (role.id.equals(id)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
