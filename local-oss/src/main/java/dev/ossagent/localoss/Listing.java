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
        String last = null;
        int count = 0;
        for (String key : store.keys(bucket, pfx)) {
            if (after != null && !after.isEmpty()) {
                if (ObjectStore.KEY_ORDER.compare(key, after) <= 0) {
                    continue;
                }
                // A page that ended on a common prefix must not list that prefix again.
                if (delim != null && after.endsWith(delim) && after.startsWith(pfx) && key.startsWith(after)) {
                    continue;
                }
            }
            String item = key;
            boolean isPrefix = false;
            if (delim != null) {
                int i = key.indexOf(delim, pfx.length());
                if (i >= 0) {
                    item = key.substring(0, i + delim.length());
                    isPrefix = true;
                    if (item.equals(last)) {
                        continue;
                    }
                }
            }
            if (count == maxKeys) {
                l.truncated = true;
                break;
            }
            (isPrefix ? l.prefixes : l.keys).add(item);
            last = item;
            count++;
        }
        l.next = l.truncated ? last : null;
        return l;
    }
}
