package dev.ossagent.log;

import java.util.List;

/**
 * One JSON object written as one line, for the events file, {@code ossagent.log.format=json} and the command
 * line's {@code --json}: fields in the order they are put, strings escaped so that no control character or line
 * separator can break the line. Values are strings, numbers, booleans, nested objects, lists of them, or null.
 */
public final class JsonLine {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final StringBuilder text = new StringBuilder(128).append('{');

    public JsonLine put(String name, String value) {
        name(name);
        if (value == null) {
            text.append("null");
        } else {
            quote(text, value);
        }
        return this;
    }

    public JsonLine put(String name, long value) {
        name(name).append(value);
        return this;
    }

    public JsonLine put(String name, boolean value) {
        name(name).append(value);
        return this;
    }

    /** A number that may be unknown (null). */
    public JsonLine put(String name, Long value) {
        name(name).append(value == null ? "null" : value.toString());
        return this;
    }

    /** Seconds and the like: three decimals, never an exponent. */
    public JsonLine seconds(String name, double value) {
        long millis = Math.round(value * 1000);
        name(name).append(millis / 1000).append('.');
        long rest = Math.abs(millis % 1000);
        text.append(rest < 100 ? "0" : "").append(rest < 10 ? "0" : "").append(rest);
        return this;
    }

    public JsonLine put(String name, JsonLine value) {
        name(name).append(value == null ? "null" : value.toString());
        return this;
    }

    public JsonLine put(String name, List<JsonLine> values) {
        name(name).append('[');
        for (int i = 0; i < values.size(); i++) {
            text.append(i == 0 ? "" : ",").append(values.get(i));
        }
        text.append(']');
        return this;
    }

    public JsonLine putStrings(String name, List<String> values) {
        name(name).append('[');
        for (int i = 0; i < values.size(); i++) {
            quote(text.append(i == 0 ? "" : ","), values.get(i));
        }
        text.append(']');
        return this;
    }

    private StringBuilder name(String name) {
        if (text.length() > 1) {
            text.append(',');
        }
        quote(text, name);
        return text.append(':');
    }

    /** The object, closed; putting more after this is a mistake. */
    @Override
    public String toString() {
        return text + "}";
    }

    static void quote(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (Printable.needsEscape(c)) {
                out.append("\\u").append(HEX[c >> 12 & 15]).append(HEX[c >> 8 & 15]).append(HEX[c >> 4 & 15])
                        .append(HEX[c & 15]);
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
