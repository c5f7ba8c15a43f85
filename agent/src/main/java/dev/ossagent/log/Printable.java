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

    /** C0 controls, DEL and C1 controls (NEL among them), and U+2028 / U+2029. */
    public static boolean needsEscape(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }
}
