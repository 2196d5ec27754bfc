package dev.gaus.core.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Validation shared by the wire records. Messages name the field, never its value. */
public final class Checks {
    /** Longest string any GAUS field may hold; keeps hostile bodies from growing memory. */
    public static final int MAX_TEXT = 4096;

    private Checks() {}

    public static String text(String value, String field) {
        if (value == null) {
            throw new InvalidFieldException(field, "is required");
        }
        if (value.isEmpty()) {
            throw new InvalidFieldException(field, "must not be empty");
        }
        if (value.length() > MAX_TEXT) {
            throw new InvalidFieldException(field, "is longer than " + MAX_TEXT + " characters");
        }
        return value;
    }

    public static String optionalText(String value, String field) {
        return value == null ? null : text(value, field);
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw new InvalidFieldException(field, "is required");
        }
        return value;
    }

    public static <T> List<T> list(List<T> value, String field) {
        present(value, field);
        for (T item : value) {
            if (item == null) {
                throw new InvalidFieldException(field, "must not hold null");
            }
        }
        return List.copyOf(value);
    }

    /** An immutable copy that keeps the order of the entries (it is the order on the wire). */
    public static <V> Map<String, V> map(Map<String, V> value, String field) {
        present(value, field);
        Map<String, V> copy = new LinkedHashMap<>(Math.max(4, value.size() * 2));
        for (Map.Entry<String, V> e : value.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new InvalidFieldException(field, "must not hold null");
            }
            copy.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(copy);
    }

    public static <V> Map<String, V> optionalMap(Map<String, V> value, String field) {
        return value == null ? null : map(value, field);
    }

    public static InvalidFieldException invalid(String field, String problem) {
        return new InvalidFieldException(field, problem);
    }

    public static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
