package dev.ossagent.config;

import dev.ossagent.log.Masking;
import dev.ossagent.log.Printable;

/**
 * A value the user wrote, as it appears inside a one-line message: control characters escaped
 * (a {@code \n} in a value must not split the message, nor forge a second log line), long text cut,
 * and a value that could be a key or secret never echoed ({@link Masking#value}): every setting error
 * shows values through here, whichever source (file, environment, -D) gave them.
 */
public final class OneLine {
    private static final int MAX_CHARS = 120;

    private OneLine() {
    }

    public static String of(String text) {
        if (text == null) {
            return "(none)";
        }
        if (Masking.couldBeKey(text)) {
            return Masking.value(text);
        }
        String shown = Printable.escape(text);
        return shown.length() > MAX_CHARS ? shown.substring(0, MAX_CHARS) + "..." : shown;
    }

    /** {@code name=value} for a message about a setting's value. */
    public static String setting(String name, String value) {
        return name + "=" + of(value);
    }
}
