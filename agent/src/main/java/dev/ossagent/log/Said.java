package dev.ossagent.log;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The lines said once per JVM, the newest 256: a bound, so a long run's distinct lines cannot grow the heap. */
final class Said {
    private static final int KEPT = 256;
    private static final Map<String, Boolean> LINES = Collections.synchronizedMap(
            new LinkedHashMap<String, Boolean>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > KEPT;
                }
            });

    private Said() {
    }

    static boolean first(String line) {
        return LINES.put(line, Boolean.TRUE) == null;
    }
}
