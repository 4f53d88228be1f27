package io.vishwaops.registry.model;

import java.util.HashMap;
import java.util.Map;

import io.vishwaops.problems.Conflict;
import io.vishwaops.registry.system.NativeErrors;

import org.springframework.http.HttpStatus;

/** A conditional alias move found the alias elsewhere than the caller expected: someone moved it first. */
public class AliasMovedMeanwhile extends Conflict implements NativeErrors.Shaped {

    private final String model;
    private final String alias;
    private final String currentVersion;

    AliasMovedMeanwhile(String model, String alias, String expected, String currentVersion) {
        super("alias '" + alias + "' of model '" + model + "' points at "
                + (currentVersion == null ? "no version" : "version " + currentVersion) + ", not "
                + (expected == null ? "no version" : "version " + expected) + " as expected; it was moved meanwhile");
        this.model = model;
        this.alias = alias;
        this.currentVersion = currentVersion;
    }

    public String model() {
        return model;
    }

    public String alias() {
        return alias;
    }

    public String currentVersion() {
        return currentVersion;
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.CONFLICT;
    }

    @Override
    public Map<String, Object> problemProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("model", model);
        properties.put("alias", alias);
        properties.put("currentVersion", currentVersion);
        return properties;
    }
}
