package dev.ossagent.config;

/**
 * A value the user wrote, as it appears inside a one-line message: control characters escaped
 * (a {@code \n} in a value must not split the message, nor forge a second log line), long text cut.
 */
public final class OneLine {
    private static final int MAX_CHARS = 120;

    private OneLine() {
    }

    public static String of(String text) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder shown = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 8);
        for (int i = 0; i < text.length(); i++) {
            if (shown.length() >= MAX_CHARS) {
                return shown.append("...").toString();
            }
            char c = text.charAt(i);
            if (c == '\n') {
                shown.append("\\n");
            } else if (c == '\r') {
                shown.append("\\r");
            } else if (c == '\t') {
                shown.append("\\t");
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        return shown.toString();
    }
}
