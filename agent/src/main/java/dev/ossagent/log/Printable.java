package dev.ossagent.log;

/**
 * Text from outside (file names, object keys, values, messages of other code) made safe for one line of a log or
 * a terminal: control characters (C0, DEL, C1) and Unicode line and paragraph separators become visible escapes,
 * so a file name cannot start a forged {@code [oss-agent]} line, move the cursor, or ring the bell.
 * Written without regex or {@code String.format}: the log's first line is printed in premain.
 */
public final class Printable {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Printable() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        int i = 0;
        while (i < text.length() && !needsEscape(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder shown = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!needsEscape(c)) {
                shown.append(c);
            } else if (c == '\n') {
                shown.append("\\n");
            } else if (c == '\r') {
                shown.append("\\r");
            } else if (c == '\t') {
                shown.append("\\t");
            } else if (c == '\u001b') {
                shown.append("\\e");
            } else {
                shown.append("\\u").append(HEX[c >> 12 & 15]).append(HEX[c >> 8 & 15]).append(HEX[c >> 4 & 15])
                        .append(HEX[c & 15]);
            }
        }
        return shown.toString();
    }

    /**
     * Escaped as {@link #escape} does, and cut to {@code maxChars} (with how much was cut): for fields read from a
     * bucket, where one hostile value of 60 MB must not become 60 MB of output, nor the width of a whole table.
     */
    public static String cut(String text, int maxChars) {
        String shown = escape(text);
        if (shown.length() <= maxChars) {
            return shown;
        }
        int end = Math.max(0, maxChars);
        if (end > 0 && Character.isHighSurrogate(shown.charAt(end - 1))) {
            end--;
        }
        return shown.substring(0, end) + "...(" + (shown.length() - end) + " more)";
    }

    /**
     * C0 controls, DEL and C1 controls (NEL among them), U+2028 / U+2029, and the bidirectional controls
     * (U+061C, U+200E/F, U+202A-E, U+2066-9), which could make a name display reversed.
     */
    public static boolean needsEscape(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c == '\u061c'
                || c == '\u200e' || c == '\u200f' || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }
}
