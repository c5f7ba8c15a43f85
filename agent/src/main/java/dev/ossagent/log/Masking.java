package dev.ossagent.log;

import java.util.BitSet;

/**
 * The one rule for showing values that may be credentials: an id shows at most its last 4 characters, and
 * none when it does not look like an AccessKey id (a swapped id/secret pair must not show the secret's
 * end); a value that could be a key or secret is never echoed, only its length.
 */
public final class Masking {
    /** AccessKey secrets are 30 characters and ids 16 to 24; shorter values are not keys. */
    private static final int KEY_MIN_CHARS = 12;
    /** A random key of 12 or more characters has at least this many different ones. */
    private static final int KEY_MIN_DISTINCT = 8;

    private Masking() {
    }

    /** {@code LTAI-MADEUPID1234} becomes {@code ****1234}; anything not shaped like an AccessKey id, {@code ****}. */
    public static String id(String id) {
        if (id == null || id.isEmpty()) {
            return "(none)";
        }
        if (!looksLikeAccessKeyId(id)) {
            return "****";
        }
        return "****" + id.substring(id.length() - 4);
    }

    /**
     * RAM AccessKey ids start {@code LTAI}, STS ones {@code STS.}, then letters and digits; secrets have no
     * such prefix. Nine characters at least, so the last 4 never are most of it.
     */
    static boolean looksLikeAccessKeyId(String id) {
        if (id.length() < 9 || !(id.startsWith("LTAI") || id.startsWith("STS."))) {
            return false;
        }
        for (int i = 4; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!isAsciiLetterOrDigit(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    /**
     * A user's value as a message may show it: escaped when it cannot be a secret, else only its length
     * (the secret of {@code ossagent.exit.timeout=<secret>} pasted in the wrong line stays unseen).
     */
    public static String value(String value) {
        if (value != null && couldBeKey(value)) {
            return "(" + value.length() + " characters, not shown: it could be a key)";
        }
        return Printable.escape(value);
    }

    /**
     * Key-like: at least 12 characters, all of them letters, digits or {@code + / = _ -} (base64 and the made-up
     * keys of tests), at least 8 of them different, with a digit, or else with upper and lower case letters and no
     * {@code -} or {@code _} (a random key almost always has a digit; one without is mixed case). Words, sizes,
     * durations, paths with dots, host names, {@code 9999999999d}, {@code Cloud-Training} and lower case names
     * without digits are not.
     */
    public static boolean couldBeKey(String value) {
        if (value.length() < KEY_MIN_CHARS) {
            return false;
        }
        boolean digit = false;
        boolean upper = false;
        boolean lower = false;
        boolean separator = false;
        BitSet distinct = new BitSet(128);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isKeyChar(c)) {
                return false;
            }
            digit |= c >= '0' && c <= '9';
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            separator |= c == '-' || c == '_';
            distinct.set(c);
        }
        return distinct.cardinality() >= KEY_MIN_DISTINCT && (digit || (upper && lower && !separator));
    }

    /**
     * Free text that may quote a user's word (a command line parser's error): every key-like word in it
     * replaced by its {@link #value} form. Words are split at anything {@link #couldBeKey} does not allow.
     */
    public static String keysIn(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder shown = new StringBuilder(text.length());
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            boolean boundary = i == text.length() || !isKeyChar(text.charAt(i));
            if (boundary) {
                String word = text.substring(start, i);
                shown.append(couldBeKey(word) ? value(word) : word);
                if (i < text.length()) {
                    shown.append(text.charAt(i));
                }
                start = i + 1;
            }
        }
        return shown.toString();
    }

    private static boolean isKeyChar(char c) {
        return isAsciiLetterOrDigit(c) || c == '+' || c == '/' || c == '=' || c == '_' || c == '-';
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
