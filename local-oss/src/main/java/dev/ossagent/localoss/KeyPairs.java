package dev.ossagent.localoss;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Key pairs given as text ({@code ID:SECRET} entries separated by new lines, spaces or commas; lines starting
 * with {@code #} are comments), from a keys file or the {@code LOCAL_OSS_KEYS} environment variable, so that
 * secrets need not be on the command line, which every user sees in {@code ps}.
 */
final class KeyPairs {
    private KeyPairs() {
    }

    /**
     * @param source names where the text came from, for error messages (which never quote the text itself)
     * @throws IllegalArgumentException naming the entry's position when one is not ID:SECRET
     */
    static Map<String, String> parse(String text, String source) {
        Map<String, String> pairs = new LinkedHashMap<>();
        String[] lines = text.split("\\R");
        for (int line = 0; line < lines.length; line++) {
            if (lines[line].trim().startsWith("#")) {
                continue;
            }
            for (String entry : lines[line].trim().split("[\\s,]+")) {
                if (entry.isEmpty()) {
                    continue;
                }
                int colon = entry.indexOf(':');
                if (colon <= 0 || colon == entry.length() - 1) {
                    throw new IllegalArgumentException(source + " line " + (line + 1) + ": an entry is not ID:SECRET");
                }
                pairs.put(entry.substring(0, colon), entry.substring(colon + 1));
            }
        }
        return pairs;
    }
}
