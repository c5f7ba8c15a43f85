package dev.ossagent.credentials;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header row of an AccessKey.csv: finds the id and secret columns whatever their spelling, and
 * describes the row for error messages without echoing anything that could be a key.
 */
final class AccessKeyCsvHeader {
    static final String ID_COLUMN = "AccessKey ID";
    static final String SECRET_COLUMN = "AccessKey Secret";

    private final List<String> names;
    final int idIndex;
    final int secretIndex;

    AccessKeyCsvHeader(List<String> names) {
        this.names = names;
        this.idIndex = indexOf(names, "accesskeyid");
        this.secretIndex = indexOf(names, "accesskeysecret");
    }

    /** {@code AccessKey ID}, {@code AccessKeyId}, {@code access_key_id} and {@code ACCESS-KEY-ID} are one name. */
    static String normalized(String name) {
        return name.replaceAll("[\\s_\\-\\uFEFF]", "").toLowerCase(Locale.ROOT);
    }

    private static int indexOf(List<String> names, String wanted) {
        for (int i = 0; i < names.size(); i++) {
            if (normalized(names.get(i)).equals(wanted)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * True when the first row is probably a data row (a file saved without its header): a cell
     * looks like an access key id. The row then holds the secret and must not be shown.
     */
    boolean looksLikeData() {
        for (String name : names) {
            String trimmed = name.trim();
            if (trimmed.startsWith("LTAI") || trimmed.startsWith("STS.")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The header names for a message. Header names are not secret, but in a file without a header
     * row the "names" are the key itself, so only cells shaped like a column name are shown: letters,
     * spaces, '_' and '-', at most 24 characters (Alibaba Cloud secrets are 30, and hold digits).
     */
    String describe() {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).trim();
            if (name.isEmpty()) {
                shown.add("(empty)");
            } else if (name.matches("[A-Za-z][A-Za-z _\\-]{0,23}")) {
                shown.add("'" + name + "'");
            } else {
                shown.add("(column " + (i + 1) + " not shown)");
            }
        }
        return String.join(", ", shown);
    }
}
