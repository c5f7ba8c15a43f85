package dev.ossagent.journal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The upload journal in {@code <state dir>/journal/}: one small Properties file per fact, so that several
 * JVMs can write at once without sharing a file, and a crash leaves nothing half-written.
 * <pre>
 *   ID.plan               the plan (written last when recording: its presence means the plan is whole)
 *   ID.lock               held (OS lock) by the process uploading the plan
 *   ID.f0001.pending      a file still to upload
 *   ID.f0001.done         a verified file, with its CRC64, SHA-256 and seconds, for the manifest
 *   ID.manifest.pending   the manifest still to write
 * </pre>
 */
public final class Journal {
    static final String PENDING = "pending";
    static final String DONE = "done";
    private static final String PLAN = ".plan";
    private static final String MANIFEST = ".manifest.pending";
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    /** Null: the user running this process. */
    private final OwnerCheck owners;

    /** Prefer {@link StateDir#journal()}, which uses the folder only when it is the user's alone. */
    public Journal(Path stateDir) {
        this(stateDir, null);
    }

    Journal(Path stateDir, OwnerCheck owners) {
        this.dir = stateDir.resolve("journal");
        this.owners = owners;
    }

    public Path dir() {
        return dir;
    }

    /** Writes a new plan, locked by this process until {@link JournaledPlan#close()}. */
    public JournaledPlan record(PlanRecord draft, List<JournalEntry> entries) throws IOException {
        PrivateFiles.createDirectories(dir);
        String id = ID_TIME.format(Instant.ofEpochMilli(draft.startedMillis())) + "-" + draft.pid() + "-"
                + String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000));
        PlanRecord record = draft.withId(id);
        PlanLock lock = PlanLock.tryAcquire(dir.resolve(id + ".lock"));
        if (lock == null) {
            throw new IOException("journal id " + id + " is taken");
        }
        try {
            for (JournalEntry entry : entries) {
                PropertiesFiles.write(entryFile(id, entry.index(), PENDING), entry.toProperties());
            }
            JournalWrites.begin();
            try {
                PrivateFiles.open(manifestFile(id), StandardOpenOption.CREATE, StandardOpenOption.WRITE).close();
            } finally {
                JournalWrites.end();
            }
            PropertiesFiles.write(planFile(id), record.toProperties());
        } catch (IOException | RuntimeException e) {
            delete(id);
            lock.deleteAndClose();
            throw e;
        }
        supersede(record);
        return new JournaledPlan(this, lock, record, entries, Collections.<UploadedFile>emptyList(), true);
    }

    /**
     * Plans this JVM journaled before for the same path and the same target, no longer held (their upload
     * failed, say with a wrong key): the new plan reads the path as it is now, so they are deleted, as the
     * upload queue coalesces saves. Otherwise 213 failed saves of one path were 213 plans, and resume wrote the
     * manifest 213 times. Plans of other JVMs are left alone. Best effort: what is not deleted stays resumable.
     */
    private void supersede(PlanRecord newer) {
        try {
            for (String id : planIds()) {
                if (id.equals(newer.id())) {
                    continue;
                }
                PlanRecord older;
                try {
                    older = PlanRecord.fromProperties(id, PropertiesFiles.read(planFile(id)), planFile(id));
                } catch (IOException | RuntimeException e) {
                    continue; // unreadable: resume says so
                }
                if (older.pid() != newer.pid() || !java.util.Objects.equals(older.modelPath(), newer.modelPath())
                        || !java.util.Objects.equals(older.endpoint(), newer.endpoint())
                        || !java.util.Objects.equals(older.manifestBucket(), newer.manifestBucket())
                        || !java.util.Objects.equals(older.manifestKey(), newer.manifestKey())
                        || !java.util.Objects.equals(older.run(), newer.run())) {
                    continue;
                }
                PlanLock lock = PlanLock.tryAcquire(dir.resolve(id + ".lock"));
                if (lock != null) { // not held: its upload is over
                    delete(id);
                    lock.deleteAndClose();
                }
            }
        } catch (IOException | RuntimeException e) {
            // the older plans stay; resume finishes them
        }
    }

    /** Ids of the recorded plans, oldest first. */
    public List<String> planIds() throws IOException {
        List<String> ids = new ArrayList<>();
        for (Path file : list("*" + PLAN)) {
            String name = file.getFileName().toString();
            ids.add(name.substring(0, name.length() - PLAN.length()));
        }
        Collections.sort(ids);
        return ids;
    }

    /**
     * Takes a plan over; null when another process holds it (or it was finished meanwhile).
     *
     * @throws UntrustedJournalFile when a file of the plan is another user's or writable by others
     */
    public JournaledPlan open(String id) throws IOException {
        OwnerCheck check = owners != null ? owners : OwnerCheck.forThisUser();
        String foreign;
        try {
            foreign = check.problem(planFile(id));
        } catch (NoSuchFileException e) {
            return null; // finished by another process since it was listed
        }
        if (foreign != null) {
            throw new UntrustedJournalFile(planFile(id), foreign);
        }
        PlanLock lock = PlanLock.tryAcquire(dir.resolve(id + ".lock"));
        if (lock == null) {
            return null;
        }
        try {
            Path planFile = planFile(id);
            if (!Files.isRegularFile(planFile)) {
                lock.deleteAndClose();
                return null;
            }
            PlanRecord record = PlanRecord.fromProperties(id, PropertiesFiles.read(planFile), planFile);
            TreeMap<Integer, JournalEntry> pending = new TreeMap<>();
            TreeMap<Integer, UploadedFile> done = new TreeMap<>();
            for (Path file : list(id + ".f*")) {
                String name = file.getFileName().toString();
                String[] parts = name.split("\\.");
                if (parts.length != 3 || !parts[1].matches("f[0-9]+")) {
                    continue;
                }
                int index = Integer.parseInt(parts[1].substring(1));
                String wrong = check.problem(file);
                if (wrong != null) {
                    throw new UntrustedJournalFile(file, wrong);
                }
                if (parts[2].equals(PENDING)) {
                    pending.put(index, JournalEntry.fromProperties(index, PropertiesFiles.read(file), file));
                } else if (parts[2].equals(DONE)) {
                    done.put(index, UploadedFile.fromProperties(PropertiesFiles.read(file), file));
                }
            }
            // Killed between writing .done and deleting .pending: the file is done.
            for (Integer index : done.keySet()) {
                if (pending.remove(index) != null) {
                    Files.deleteIfExists(entryFile(id, index, PENDING));
                }
            }
            return new JournaledPlan(this, lock, record, new ArrayList<>(pending.values()),
                    new ArrayList<>(done.values()), Files.exists(manifestFile(id)));
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Removes what a crash in the middle of {@link #record} left: files of ids with no plan and no holder. */
    public void removeIncomplete() throws IOException {
        List<String> ids = planIds();
        for (Path file : list("*")) {
            String name = file.getFileName().toString();
            int dot = name.indexOf('.');
            String id = dot < 0 ? name : name.substring(0, dot);
            if (ids.contains(id)) {
                continue;
            }
            PlanLock lock = PlanLock.tryAcquire(dir.resolve(id + ".lock"));
            if (lock != null && !Files.exists(planFile(id))) {
                delete(id);
                lock.deleteAndClose();
            } else if (lock != null) {
                lock.close();
            }
        }
    }

    Path planFile(String id) {
        return dir.resolve(id + PLAN);
    }

    Path manifestFile(String id) {
        return dir.resolve(id + MANIFEST);
    }

    Path entryFile(String id, int index, String state) {
        return dir.resolve(String.format(Locale.ROOT, "%s.f%04d.%s", id, index, state));
    }

    /** Deletes a plan's files, its plan file first and its lock file not at all (the holder does that last). */
    void delete(String id) {
        try {
            Files.deleteIfExists(planFile(id));
            for (Path file : list(id + ".*")) {
                if (!file.getFileName().toString().equals(id + ".lock")) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            // without its plan file the rest is left for removeIncomplete
        }
    }

    private List<Path> list(String glob) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
            for (Path file : stream) {
                files.add(file);
            }
        } catch (NoSuchFileException e) {
            return files;
        }
        return files;
    }
}
