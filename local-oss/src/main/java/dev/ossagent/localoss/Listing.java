package dev.ossagent.localoss;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** One page of a ListObjects walk: keys and common prefixes after a marker, in OSS order. */
final class Listing {
    final List<String> keys = new ArrayList<>();
    final List<String> prefixes = new ArrayList<>();
    boolean truncated;
    /** Last key or prefix returned when truncated: where the next page starts. */
    String next;

    static Listing page(ObjectStore store, String bucket, String prefix, String delimiter, String after, int maxKeys)
            throws IOException {
        String pfx = prefix == null ? "" : prefix;
        String delim = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        Listing l = new Listing();
        String[] last = {null};
        int[] count = {0};
        store.keysInOrder(bucket, pfx, after, key -> {
            // A page that ended on a common prefix must not list that prefix again.
            if (delim != null && after != null && after.endsWith(delim) && after.startsWith(pfx)
                    && key.startsWith(after)) {
                return true;
            }
            String item = key;
            boolean isPrefix = false;
            if (delim != null) {
                int i = key.indexOf(delim, pfx.length());
                if (i >= 0) {
                    item = key.substring(0, i + delim.length());
                    isPrefix = true;
                    if (item.equals(last[0])) {
                        return true;
                    }
                }
            }
            if (count[0] == maxKeys) {
                l.truncated = true;
                return false;
            }
            (isPrefix ? l.prefixes : l.keys).add(item);
            last[0] = item;
            count[0]++;
            return true;
        });
        l.next = l.truncated ? last[0] : null;
        return l;
    }
}
