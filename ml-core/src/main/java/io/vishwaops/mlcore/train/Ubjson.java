package io.vishwaops.mlcore.train;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Universal Binary JSON, the format XGBoost saves boosters in: objects become maps, arrays lists, and the
 * typed arrays XGBoost writes for its node tables ({@code [$d#L...}) primitive arrays, so a booster's trees can be
 * read without a native call or a JSON library.
 */
final class Ubjson {

    private final ByteBuffer in;

    private Ubjson(byte[] bytes) {
        this.in = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
    }

    static Object read(byte[] bytes) {
        try {
            Ubjson reader = new Ubjson(bytes);
            return reader.value(reader.in.get());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a UBJSON document: " + e, e);
        }
    }

    private Object value(byte marker) {
        return switch (marker) {
            case '{' -> object();
            case '[' -> array();
            case 'S', 'H' -> string();
            case 'C' -> (char) in.get();
            case 'T' -> Boolean.TRUE;
            case 'F' -> Boolean.FALSE;
            case 'Z' -> null;
            case 'N' -> value(in.get());
            case 'i' -> (long) in.get();
            case 'U' -> (long) (in.get() & 0xff);
            case 'I' -> (long) in.getShort();
            case 'l' -> (long) in.getInt();
            case 'L' -> in.getLong();
            case 'd' -> (double) in.getFloat();
            case 'D' -> in.getDouble();
            default -> throw new IllegalArgumentException("unknown marker '" + (char) marker + "' at " + (in.position() - 1));
        };
    }

    private long length() {
        return ((Number) value(in.get())).longValue();
    }

    private String string() {
        byte[] text = new byte[Math.toIntExact(length())];
        in.get(text);
        return new String(text, StandardCharsets.UTF_8);
    }

    /** A container's optional element type ({@code $}) and count ({@code #}): 0 and -1 when it gives none. */
    private record Header(byte type, long count) {
    }

    private Header header() {
        byte type = 0;
        long count = -1;
        byte next = in.get();
        if (next == '$') {
            type = in.get();
            next = in.get();
        }
        if (next == '#') {
            count = length();
        } else {
            in.position(in.position() - 1);
        }
        return new Header(type, count);
    }

    private Map<String, Object> object() {
        Map<String, Object> out = new LinkedHashMap<>();
        Header header = header();
        byte type = header.type();
        long count = header.count();
        for (long i = 0; count < 0 || i < count; i++) {
            if (count < 0) {
                byte peek = in.get(in.position());
                if (peek == '}') {
                    in.get();
                    break;
                }
            }
            String key = string();
            out.put(key, value(type != 0 ? type : in.get()));
        }
        return out;
    }

    private Object array() {
        Header header = header();
        byte type = header.type();
        long count = header.count();
        if (type != 0 && count >= 0) {
            int n = Math.toIntExact(count);
            switch (type) {
                case 'd' -> {
                    float[] out = new float[n];
                    in.asFloatBuffer().get(out);
                    in.position(in.position() + 4 * n);
                    return out;
                }
                case 'l' -> {
                    int[] out = new int[n];
                    in.asIntBuffer().get(out);
                    in.position(in.position() + 4 * n);
                    return out;
                }
                case 'U', 'i' -> {
                    int[] out = new int[n];
                    for (int i = 0; i < n; i++) {
                        out[i] = type == 'U' ? in.get() & 0xff : in.get();
                    }
                    return out;
                }
                default -> {
                    // other typed arrays are read element by element below
                }
            }
        }
        List<Object> out = new ArrayList<>();
        for (long i = 0; count < 0 || i < count; i++) {
            byte marker = type != 0 ? type : in.get();
            if (count < 0 && marker == ']') {
                break;
            }
            out.add(value(marker));
        }
        return out;
    }
}
