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
 * seconds at tens of milliseconds a request and the heap stays bounded whatever the manifests weigh.
 */
final class ManifestReads {
    static final int READERS = 32;
    static final int BUDGET_KIB = 16 * 1024;

    private ManifestReads() {
    }

    /** One run per manifest, in the order given; a manifest that cannot be read is a warning and a listing row. */
    static List<StoredRun> read(RunStore store, RunIndex index, List<RunIndex.Found> manifests) throws CliException {
        if (manifests.isEmpty()) {
            return new ArrayList<>();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(READERS, manifests.size()), task -> {
            Thread thread = new Thread(task, "oss-agent-manifest-read");
            thread.setDaemon(true);
            return thread;
        });
        Semaphore budget = new Semaphore(BUDGET_KIB);
        try {
            List<Future<StoredRun>> reads = new ArrayList<>();
            for (RunIndex.Found found : manifests) {
                int kib = (int) Math.max(1, Math.min(BUDGET_KIB, (found.size + 1023) / 1024));
                reads.add(pool.submit(() -> {
                    budget.acquire(kib);
                    try {
                        return one(store, index, found);
                    } finally {
                        budget.release(kib);
                    }
                }));
            }
            List<StoredRun> runs = new ArrayList<>(manifests.size());
            for (Future<StoredRun> read : reads) {
                runs.add(read.get());
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
        } finally {
            pool.shutdownNow();
        }
    }

    private static StoredRun one(RunStore store, RunIndex index, RunIndex.Found found) throws CliException {
        try {
            StoredManifest manifest = StoredManifest.parse(store.text(store.bucket, found.key));
            String name = manifest.run() != null ? manifest.run() : index.nameOf(found);
            Instant time = manifest.started() != null ? manifest.started() : found.lastModified;
            return new StoredRun(name, found.folder, time, manifest.files().size(), manifest.bytes(),
                    StoredRun.State.COMPLETE);
        } catch (UnreadableJson | IOException e) {
            AgentLog.warn("manifest " + store.bucket + "/" + found.key + " cannot be read (" + e.getMessage()
                    + "); its run is shown from the listing");
            return index.fromListing(index.nameOf(found), found, StoredRun.State.UNREADABLE);
        } catch (CliException e) {
            if (e.exitCode() != ExitCodes.MISSING) {
                throw e;
            }
            AgentLog.warn("manifest " + store.bucket + "/" + found.key + " was deleted while listed; its run is"
                    + " shown from the listing");
            return index.fromListing(index.nameOf(found), found, StoredRun.State.INCOMPLETE);
        }
    }
}
