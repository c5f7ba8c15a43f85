package dev.ossagent.plan;

import dev.ossagent.log.AgentLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plan's files by the object each becomes. Two different files for one object (say {@code a\b.bin} and
 * {@code a/b.bin}, or two list entries with one name) are an error naming both: neither is uploaded, since
 * either would silently stand in for the other, and the plan can have no manifest.
 */
final class ObjectKeys {
    private final Map<String, PlannedFile> byObject = new LinkedHashMap<>();
    private final Map<String, Set<Path>> clashes = new LinkedHashMap<>();
    private final List<String> tooLong = new ArrayList<>();
    /** OSS's limit on an object key, in UTF-8 bytes (config's KeyPrefix checks the prefix at start-up). */
    static final int MAX_KEY_BYTES = 1023;

    void put(PlannedFile file) {
        int bytes = file.key().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            // Said at plan time, not after every retry of the upload: OSS refuses such a key.
            String line = file.path() + " would become a key of " + bytes + " bytes, past OSS's "
                    + MAX_KEY_BYTES + "-byte limit";
            tooLong.add(line);
            AgentLog.error(line + "; not uploaded, and the set gets no manifest. Shorten the prefix or the path");
            return;
        }
        String object = file.objectName();
        Set<Path> clash = clashes.get(object);
        if (clash != null) {
            if (clash.add(file.path())) {
                AgentLog.error(file.path() + " would also become " + object + "; not uploaded either");
            }
            return;
        }
        PlannedFile earlier = byObject.putIfAbsent(object, file);
        if (earlier == null || earlier.path().equals(file.path())) {
            return; // the same file named twice is one file
        }
        byObject.remove(object);
        clashes.put(object, new LinkedHashSet<>(List.of(earlier.path(), file.path())));
        AgentLog.error(earlier.path() + " and " + file.path() + " would both become " + object + "; neither is"
                + " uploaded and the set gets no manifest. Give them different names");
    }

    List<PlannedFile> files() {
        return new ArrayList<>(byObject.values());
    }

    /** One line per object that two or more files would become, and per file whose key would be too long. */
    List<String> clashes() {
        List<String> lines = new ArrayList<>(tooLong);
        for (Map.Entry<String, Set<Path>> clash : clashes.entrySet()) {
            List<String> paths = new ArrayList<>();
            for (Path path : clash.getValue()) {
                paths.add(path.toString());
            }
            lines.add(String.join(" and ", paths) + " would all become " + clash.getKey());
        }
        return lines;
    }
}
