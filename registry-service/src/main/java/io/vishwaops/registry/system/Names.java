package io.vishwaops.registry.system;

import java.util.regex.Pattern;

import io.vishwaops.problems.InvalidInput;

/** MLflow's rules for keys and names, so that what MLflow refuses is refused here with the same words. */
public final class Names {

    public static final int MAX_KEY_LENGTH = 250;
    public static final int MAX_PARAM_VALUE_LENGTH = 6000;
    public static final int MAX_TAG_VALUE_LENGTH = 8000;
    public static final int MAX_NAME_LENGTH = 256;

    private static final Pattern KEY = Pattern.compile("[/\\w.\\- ]*");

    private Names() {
    }

    public static String key(String what, String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidInput("key", "Missing value for required parameter 'key'.");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new InvalidInput("key", what + " key '" + key.substring(0, 40) + "...' had length " + key.length()
                    + ", which exceeded length limit of " + MAX_KEY_LENGTH);
        }
        if (!KEY.matcher(key).matches() || key.startsWith("/") || key.contains("..")) {
            throw new InvalidInput("key", "Invalid " + what.toLowerCase() + " name: '" + key + "'. Names may only "
                    + "contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), and slashes (/).");
        }
        return key;
    }

    public static String value(String what, String key, String value, int limit) {
        if (value == null) {
            throw new InvalidInput("value", "Missing value for required parameter 'value' of " + what.toLowerCase()
                    + " '" + key + "'.");
        }
        if (value.length() > limit) {
            throw new InvalidInput("value", what + " value '" + value.substring(0, 40) + "...' had length "
                    + value.length() + ", which exceeded length limit of " + limit);
        }
        return value;
    }

    public static String required(String parameter, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInput(parameter, "Missing value for required parameter '" + parameter + "'.");
        }
        return value;
    }

    public static String name(String parameter, String value) {
        required(parameter, value);
        if (value.length() > MAX_NAME_LENGTH) {
            throw new InvalidInput(parameter, "'" + parameter + "' exceeds the maximum length of " + MAX_NAME_LENGTH
                    + " characters");
        }
        if (value.contains("/") && parameter.equals("name")) {
            throw new InvalidInput(parameter, "Invalid name: '" + value + "'. Registered model names cannot contain '/'.");
        }
        return value;
    }
}
