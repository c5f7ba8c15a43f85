package dev.ossagent.config;

import dev.ossagent.log.Printable;

/**
 * A value that becomes part of one segment of an object key (a run id, a rank, a host name): it may not split the
 * key ({@code /}, {@code \}), be a {@code .} or {@code ..} segment, hold a control character, or be empty or long.
 */
final class KeyPart {
    static final int MAX_CHARS = 128;

    private KeyPart() {
    }

    /** Why the value cannot go into a key, or null. */
    static String problem(String value) {
        if (value == null || value.isEmpty()) {
            return "it is empty";
        }
        if (value.length() > MAX_CHARS) {
            return "it is longer than " + MAX_CHARS + " characters";
        }
        if (value.equals(".") || value.equals("..")) {
            return "it is \"" + value + "\"";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '/' || c == '\\') {
                return "it holds a " + c + ", which would split the object key";
            }
            if (Printable.needsEscape(c) || Character.isSurrogate(c) && !validSurrogateAt(value, i)) {
                return "it holds a control character";
            }
        }
        return null;
    }

    /** Whether the text holds a control character (or a line separator): no header or key may. */
    static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Printable.needsEscape(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean validSurrogateAt(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
    }
}
