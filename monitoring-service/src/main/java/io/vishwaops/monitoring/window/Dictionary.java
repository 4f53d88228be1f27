package io.vishwaops.monitoring.window;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Category text to a small int code, so a window keeps an int per categorical value instead of a string. The codes
 * are never reused; past {@link #MAX_CODES} distinct values, new ones share one code, {@link #OTHER}, so a column
 * of ids cannot grow a window without bound.
 */
final class Dictionary {

    static final int MAX_CODES = 65_536;
    static final String OTHER = "(other)";
    static final int MISSING = -1;

    private final Map<String, Integer> codes = new HashMap<>();
    private final List<String> values = new ArrayList<>();

    int code(String value) {
        if (value == null) {
            return MISSING;
        }
        Integer code = codes.get(value);
        if (code != null) {
            return code;
        }
        if (values.size() >= MAX_CODES - 1) {
            value = OTHER;
            code = codes.get(value);
            if (code != null) {
                return code;
            }
        }
        int fresh = values.size();
        values.add(value);
        codes.put(value, fresh);
        return fresh;
    }

    /** The values by code, for decoding a copy of a window (a snapshot: codes added later are not in it). */
    String[] values() {
        return values.toArray(String[]::new);
    }
}
