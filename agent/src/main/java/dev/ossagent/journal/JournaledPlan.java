package dev.ossagent.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One plan in the journal, held (locked) by this process while it uploads: the files still pending, the
 * ones verified, the ones that vanished, and whether its manifest is still to be written. Each change is
 * one small file written or deleted, so a crash at any moment leaves a journal {@code resume} can finish.
 * A plan made while the journal could not be written lives in memory only ({@link #inMemory}).
 */
public final class JournaledPlan implements AutoCloseable {
    private final Journal journal;
    private final PlanLock lock;
    private PlanRecord record;
    private final List<JournalEntry> pending;
    private final List<UploadedFile> done;
    private final List<JournalEntry> gone = new ArrayList<>();
    private final List<JournalEntry> refused = new ArrayList<>();
    private boolean manifestPending;

    JournaledPlan(Journal journal, PlanLock lock, PlanRecord record, List<JournalEntry> pending,
                  List<UploadedFile> done, boolean manifestPending) {
        this.journal = journal;
        this.lock = lock;
        this.record = record;
        this.pending = new ArrayList<>(pending);
        this.done = new ArrayList<>(done);
        this.manifestPending = manifestPending;
    }

    /** A plan the journal could not take: uploaded all the same, but not resumable after a crash. */
    public static JournaledPlan inMemory(PlanRecord record, List<JournalEntry> entries) {
        PlanRecord named = record.withId("unjournaled-" + record.startedMillis() + "-" + record.pid());
        return new JournaledPlan(null, null, named, entries, Collections.<UploadedFile>emptyList(), true);
    }

    public boolean persistent() {
        return journal != null;
    }

    public synchronized PlanRecord record() { return record; }
    public synchronized List<JournalEntry> pending() { return new ArrayList<>(pending); }
    public synchronized List<UploadedFile> done() { return new ArrayList<>(done); }
    public synchronized boolean anyGone() { return !gone.isEmpty(); }
    public synchronized int refusedCount() { return refused.size(); }
    public synchronized boolean manifestPending() { return manifestPending; }

    public synchronized long pendingBytes() {
        long bytes = 0;
        for (JournalEntry entry : pending) {
            bytes += Math.max(0, entry.size());
        }
        return bytes;
    }

    /** The file is verified in OSS: its record replaces its pending entry (written first, so one always exists). */
    public synchronized void done(JournalEntry entry, UploadedFile result) throws IOException {
        pending.remove(entry);
        done.add(result);
        if (journal != null) {
            PropertiesFiles.write(journal.entryFile(record.id(), entry.index(), Journal.DONE), result.toProperties());
            Files.deleteIfExists(journal.entryFile(record.id(), entry.index(), Journal.PENDING));
        }
    }

    /** The local file no longer exists: nothing is left to upload for this entry. */
    public synchronized void gone(JournalEntry entry) throws IOException {
        pending.remove(entry);
        gone.add(entry);
        if (journal != null) {
            Files.deleteIfExists(journal.entryFile(record.id(), entry.index(), Journal.PENDING));
        }
    }

    /**
     * OSS holds other content at the entry's object and must not replace it ({@code ossagent.overwrite=false}):
     * no retry can upload it, so it leaves the journal, and the plan's set is incomplete.
     */
    public synchronized void refused(JournalEntry entry) throws IOException {
        pending.remove(entry);
        refused.add(entry);
        if (journal != null) {
            Files.deleteIfExists(journal.entryFile(record.id(), entry.index(), Journal.PENDING));
        }
    }

    /** The manifest is written (or, with files gone, will never be). */
    public synchronized void manifestSettled() throws IOException {
        manifestPending = false;
        if (journal != null) {
            Files.deleteIfExists(journal.manifestFile(record.id()));
        }
    }

    public synchronized void recordHost(String host) throws IOException {
        record = record.withHost(host);
        if (journal != null) {
            PropertiesFiles.write(journal.planFile(record.id()), record.toProperties());
        }
    }

    /**
     * Sends the pending files to other objects ({@code resume --retarget}): their entries and the plan are
     * rewritten in the journal, so a later resume goes on where this one stops.
     */
    public synchronized void retarget(PlanRecord newRecord, List<JournalEntry> newPending) throws IOException {
        if (journal != null) {
            for (JournalEntry entry : newPending) {
                PropertiesFiles.write(journal.entryFile(record.id(), entry.index(), Journal.PENDING), entry.toProperties());
            }
            PropertiesFiles.write(journal.planFile(record.id()), newRecord.toProperties());
        }
        pending.clear();
        pending.addAll(newPending);
        record = newRecord;
    }

    /** Forgets the plan ({@code resume --drop}): its journal files go, nothing of it will be uploaded. */
    public synchronized void drop() {
        pending.clear();
        manifestPending = false;
        close();
    }

    public synchronized boolean finished() {
        return pending.isEmpty() && !manifestPending;
    }

    /** Lets go of the plan; a finished plan's files are deleted, anything else stays for {@code resume}. */
    @Override
    public synchronized void close() {
        if (journal == null) {
            return;
        }
        if (finished()) {
            journal.delete(record.id());
            lock.deleteAndClose();
        } else {
            lock.close();
        }
    }
}
