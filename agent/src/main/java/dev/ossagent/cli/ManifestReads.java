package dev.ossagent.cli;

import dev.ossagent.log.AgentLog;
import dev.ossagent.manifest.StoredManifest;
import dev.ossagent.manifest.UnreadableJson;
import dev.ossagent.runs.RunIndex;
import dev.ossagent.runs.StoredRun;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * The manifests of {@code list --runs}, read in parallel: one GET each, at most {@link #READERS} at once and at most
 * {@link #BUDGET_KIB} KiB of manifest text held at once (by each manifest's listed size), so thousands of runs take
 * seconds at tens of milliseconds a request and the heap stays bounded whatever the manifests weigh. Reads may be
 * submitted while the listing goes on; a manifest that cannot be read becomes a row from the finished listing.
 */
final class ManifestReads implements AutoCloseable {
    static final int READERS = 32;
    static final int BUDGET_KIB = 16 * 1024;

    /** A read's outcome: what the run's row takes from its manifest, or the state its row from the listing gets. */
    private static final class Read {
        final RunIndex.Found found;
        /** Null when the manifest could not be read: then {@link #fallback} says why. */
        final StoredManifest manifest;
        final StoredRun.State fallback;

        Read(RunIndex.Found found, StoredManifest manifest, StoredRun.State fallback) {
            this.found = found;
            this.manifest = manifest;
            this.fallback = fallback;
        }
    }

    private final RunStore store;
    private final ExecutorService pool;
    private final Semaphore budget = new Semaphore(BUDGET_KIB);
    private final List<Future<Read>> reads = new ArrayList<>();

    ManifestReads(RunStore store) {
        this.store = store;
        this.pool = Executors.newFixedThreadPool(READERS, task -> {
            Thread thread = new Thread(task, "oss-agent-manifest-read");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts reading one manifest. */
    void submit(RunIndex.Found found) {
        int kib = (int) Math.max(1, Math.min(BUDGET_KIB, (found.size + 1023) / 1024));
        reads.add(pool.submit(() -> {
            budget.acquire(kib);
            try {
                return read(found);
            } finally {
                budget.release(kib);
            }
        }));
    }

    /** One run per manifest submitted, in that order; {@code index} is the whole listing, for the folder's times. */
    List<StoredRun> runs(RunIndex index) throws CliException {
        List<StoredRun> runs = new ArrayList<>(reads.size());
        try {
            for (Future<Read> future : reads) {
                Read read = future.get();
                runs.add(read.manifest != null ? run(read.manifest, read.found, index)
                        : index.fromListing(index.nameOf(read.found), read.found, read.fallback));
            }
            return runs;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CliException) {
                throw (CliException) e.getCause();
            }
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILED, "reading the manifests was interrupted");
        }
    }

    private static StoredRun run(StoredManifest manifest, RunIndex.Found found, RunIndex index) {
        String name = manifest.run() != null ? manifest.run() : index.nameOf(found);
        // The run's start, not its last checkpoint's (each checkpoint's plan rewrites the manifest): the earliest of
        // the run's start as the manifest gives it, its plan time, and the folder's oldest object.
        Instant time = earliest(manifest.runStarted(), earliest(manifest.started(),
                index.fromListing(null, found, null).time));
        return new StoredRun(name, found.folder, time, manifest.files().size(), manifest.bytes(),
                manifest.preempted() ? StoredRun.State.PREEMPTED : StoredRun.State.COMPLETE);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private Read read(RunIndex.Found found) throws CliException {
        try {
            return new Read(found, StoredManifest.parse(store.text(store.bucket, found.key)), null);
        } catch (UnreadableJson | IOException e) {
            AgentLog.warn("manifest " + store.bucket + "/" + found.key + " cannot be read (" + e.getMessage()
                    + "); its run is shown from the listing");
            return new Read(found, null, StoredRun.State.UNREADABLE);
        } catch (CliException e) {
            if (e.exitCode() != ExitCodes.MISSING) {
                throw e;
            }
            AgentLog.warn("manifest " + store.bucket + "/" + found.key + " was deleted while listed; its run is"
                    + " shown from the listing");
            return new Read(found, null, StoredRun.State.INCOMPLETE);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
