package dev.ossagent.runs;

import dev.ossagent.manifest.Manifest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a listing of the run prefix holds: the manifests (each marks a complete run, in the folder it lies in) and
 * the run folders with objects but no manifest (incomplete runs). Objects above the run folders are no run.
 */
public final class RunIndex {
    /** A manifest found in the listing. */
    public static final class Found {
        public final String key;
        /** The folder it lies in: the run's prefix. */
        public final String folder;
        public final Instant lastModified;
        /** The manifest's size in the listing, so readers can bound the bytes they hold at once. */
        public final long size;

        Found(String key, String folder, Instant lastModified, long size) {
            this.key = key;
            this.folder = folder;
            this.lastModified = lastModified;
            this.size = size;
        }
    }

    /** Objects of one run folder. */
    private static final class Folder {
        long files;
        long bytes;
        Instant oldest;

        void add(long size, Instant lastModified) {
            files++;
            bytes += size;
            if (lastModified != null && (oldest == null || lastModified.isBefore(oldest))) {
                oldest = lastModified;
            }
        }
    }

    private final RunPrefix prefix;
    private final List<Found> manifests = new ArrayList<>();
    /** The manifests' folders, sorted: "is there one at or below this folder" is one ceiling lookup, not a scan. */
    private final TreeSet<String> manifestFolders = new TreeSet<>();
    private final TreeMap<String, Folder> folders = new TreeMap<>();

    private final java.util.function.Consumer<Found> onManifest;

    public RunIndex(RunPrefix prefix) {
        this(prefix, found -> { });
    }

    /** @param onManifest told of each manifest as the listing finds it, so its read can start before the last page */
    public RunIndex(RunPrefix prefix, java.util.function.Consumer<Found> onManifest) {
        this.prefix = prefix;
        this.onManifest = onManifest;
    }

    public RunPrefix prefix() { return prefix; }

    /** One listed object. */
    public void add(String key, long size, Instant lastModified) {
        if (key.equals(prefix.base() + Manifest.FILE_NAME) || key.endsWith("/" + Manifest.FILE_NAME)) {
            String folder = key.substring(0, key.length() - Manifest.FILE_NAME.length());
            if (folder.startsWith(prefix.base())) {
                Found found = new Found(key, folder, lastModified, size);
                manifests.add(found);
                manifestFolders.add(folder);
                onManifest.accept(found);
                return;
            }
        }
        String folder = prefix.folderOf(key);
        if (folder != null) {
            folders.computeIfAbsent(folder, f -> new Folder()).add(size, lastModified);
        }
    }

    public List<Found> manifests() {
        return Collections.unmodifiableList(manifests);
    }

    /** The run's name for a manifest's folder when the manifest does not name its run. */
    public String nameOf(Found manifest) {
        return prefix.nameOf(manifest.folder);
    }

    /** Run folders with objects and no manifest at or below them. */
    public List<StoredRun> incomplete() {
        List<StoredRun> runs = new ArrayList<>();
        for (Map.Entry<String, Folder> entry : folders.entrySet()) {
            if (!hasManifestIn(entry.getKey())) {
                Folder folder = entry.getValue();
                runs.add(new StoredRun(prefix.nameOf(entry.getKey()), entry.getKey(), folder.oldest, folder.files,
                        folder.bytes, StoredRun.State.INCOMPLETE));
            }
        }
        return runs;
    }

    /** The listing's file count, bytes and oldest time for the objects in a folder, as a run of the given state. */
    public StoredRun fromListing(String name, Found manifest, StoredRun.State state) {
        long files = 0;
        long bytes = 0;
        Instant oldest = manifest.lastModified;
        for (Folder folder : below(manifest.folder).values()) {
            files += folder.files;
            bytes += folder.bytes;
            oldest = oldest == null || (folder.oldest != null && folder.oldest.isBefore(oldest)) ? folder.oldest
                    : oldest;
        }
        return new StoredRun(name, manifest.folder, oldest, files, bytes, state);
    }

    private boolean hasManifestIn(String folder) {
        String first = manifestFolders.ceiling(folder);
        return first != null && first.startsWith(folder);
    }

    /** The run folders at or below a folder: keys from it up to the last string it is a prefix of. */
    private Map<String, Folder> below(String folder) {
        return folders.subMap(folder, true, folder + Character.MAX_VALUE, true);
    }
}
