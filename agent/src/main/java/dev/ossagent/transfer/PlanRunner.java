package dev.ossagent.transfer;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.ObjectMetadata;
import dev.ossagent.config.LocalHost;
import dev.ossagent.config.SettingNames;
import dev.ossagent.config.Settings;
import dev.ossagent.credentials.ResolvedCredentials;
import dev.ossagent.events.Events;
import dev.ossagent.failure.FailureKind;
import dev.ossagent.failure.LocalFileGone;
import dev.ossagent.failure.ObjectExists;
import dev.ossagent.failure.UploadFailure;
import dev.ossagent.journal.JournalEntry;
import dev.ossagent.journal.JournaledPlan;
import dev.ossagent.journal.PlanRecord;
import dev.ossagent.journal.UploadedFile;
import dev.ossagent.log.AgentLog;
import dev.ossagent.manifest.Manifest;
import dev.ossagent.manifest.ManifestAge;
import dev.ossagent.plan.PlannedFile;
import dev.ossagent.plan.PlannedVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Uploads what is pending in one journaled plan, then writes its manifest; the journal records each
 * verified file, so whatever is not done stays for {@code resume}. The agent and {@code resume} share it.
 * Files go {@code ossagent.upload.parallel-files} at a time ({@link ParallelFiles}). An auth or configuration
 * error stops the run: every further file would fail the same way.
 */
public final class PlanRunner {
    private final OSS client;
    private final Settings settings;
    private final ResolvedCredentials credentials;
    private final ObjectUploader uploader;
    private final ParallelFiles files;
    private Events events;
    private final PlanAbort abort;
    private BooleanSupplier preempted = () -> false;
    private Function<List<JournalEntry>, List<List<JournalEntry>>> rescueGroups = List::of;
    private final AtomicBoolean preemptedManifest = new AtomicBoolean();
    private volatile JournaledPlan running;
    private volatile ObjectHeaders runningHeaders;

    public PlanRunner(OSS client, Settings settings, ResolvedCredentials credentials) {
        this(client, settings, credentials, new PlanAbort());
    }

    /** @param abort lets the queue abort this plan's upload while it runs */
    public PlanRunner(OSS client, Settings settings, ResolvedCredentials credentials, PlanAbort abort) {
        this.client = client;
        this.settings = settings;
        this.credentials = credentials;
        this.abort = abort;
        this.uploader = new ObjectUploader(client, settings, abort);
        this.files = new ParallelFiles(settings.transfer().parallelFiles());
    }

    /**
     * While {@code preempted} says so, a manifest marked preempted is written as soon as the model files are in, and
     * data files wait for the model files; {@code groups} then splits the plan's files (when the plan starts) into
     * groups sent one after another: a file starts once the groups before its own are over.
     */
    public PlanRunner preemptedWhen(BooleanSupplier preempted,
                                    Function<List<JournalEntry>, List<List<JournalEntry>>> groups) {
        this.preempted = preempted;
        this.rescueGroups = groups;
        return this;
    }

    public PlanOutcome run(JournaledPlan plan, UploadProgress progress) {
        PlanOutcome outcome = new PlanOutcome();
        events = progress.events();
        progress.running(plan.record().run(), credentials);
        progress.sendingTo(uploader.retrier().endpoint());
        AtomicBoolean stopped = new AtomicBoolean();
        ObjectHeaders headers = ObjectHeaders.of(settings, plan.record().run(), plan.record().trainer());
        runningHeaders = headers;
        running = plan;
        uploader.listBefore(plan.pending().stream().map(PlanRunner::planned).collect(Collectors.toList()));
        List<List<JournalEntry>> groups = preempted.getAsBoolean() ? rescueGroups.apply(plan.pending()) : null;
        files.run(groups == null ? plan.pending() : groups.stream().flatMap(List::stream).collect(Collectors.toList()),
                rescueOrder(plan, groups, entry -> {
            PlannedFile file = planned(entry);
            if (stopped.get() || abort.aborted()) {
                progress.fileDone(entry.size(), 0);
                outcome.oneLeft();
                return;
            }
            String changed = PlannedVersion.change(entry);
            if (changed != null) {
                AgentLog.warn(changed);
            }
            long start = System.nanoTime();
            AtomicInteger retries = new AtomicInteger();
            try {
                UploadedFile result = uploader.upload(file, headers, plan.record().id() + "-" + entry.index(), progress,
                        null, retries);
                progress.verified(plan.record().run(), result, 1 + retries.get());
                outcome.verified(result.skipped());
                journal(() -> plan.done(entry, result));
                if (preempted.getAsBoolean()) {
                    preemptedManifest(plan, headers);
                }
            } catch (LocalFileGone e) {
                AgentLog.error("upload of " + file.path() + " to " + file.objectName() + " failed: the file no longer"
                        + " exists" + (plan.persistent() ? "; it is dropped from the journal" : ""));
                outcome.oneGone();
                progress.failed(plan.record().run(), file, e, start, 1 + retries.get());
                journal(() -> plan.gone(entry));
            } catch (ObjectExists e) {
                AgentLog.error(e.getMessage() + (plan.persistent() ? "; it is dropped from the journal" : "")
                        + " (no retry can upload it there)");
                outcome.oneRefused(e);
                progress.failed(plan.record().run(), file, e, start, 1 + retries.get());
                journal(() -> plan.refused(entry));
            } catch (PlanAbort.Aborted e) {
                AgentLog.info("upload of " + file.path() + " to " + file.objectName() + " aborted (" + e.getMessage()
                        + "); the journal keeps it");
                outcome.oneLeft();
            } catch (RuntimeException e) {
                UploadFailure failure = UploadFailure.of(e, "upload of " + file.path() + " to " + file.objectName(),
                        file.bucket(), credentials, settings);
                EndpointState endpoint = uploader.retrier().endpoint();
                if (!endpoint.givenUp() || endpoint.firstToSayGivenUp()) {
                    AgentLog.error(failure.message());
                } // else: the endpoint never answered, and that was said once for every plan
                if (endpoint.givenUp()) {
                    stopped.set(true);
                }
                outcome.failedFile(e);
                progress.failed(plan.record().run(), file, e, start, 1 + retries.get());
                if (failure.stopsSession()) {
                    stopped.set(true);
                }
            }
        }));
        if (!stopped.get() && !abort.aborted() && plan.pending().isEmpty() && plan.manifestPending()) {
            writeManifest(plan, outcome, headers);
        }
        return outcome;
    }

    /**
     * After a preemption notice a file waits until the files of the groups before its own are over (sent or failed),
     * so they have the bandwidth to themselves: data files wait for model files and, when the plan started after the
     * notice, a file that cannot finish by the deadline waits for those that can. Files are run in group order, so a
     * waiting file never holds one up.
     *
     * @param groups the plan's files in groups, when the notice came before the plan started; else null (then a
     *               notice that comes later makes data files wait for model files)
     */
    private ParallelFiles.Task<JournalEntry> rescueOrder(JournaledPlan plan, List<List<JournalEntry>> groups,
                                                         ParallelFiles.Task<JournalEntry> task) {
        Map<Integer, Integer> rank = new HashMap<>(); // by the entry's index in the plan
        for (JournalEntry entry : plan.pending()) {
            rank.put(entry.index(), PreemptedManifest.isModelFile(plan.record(), entry) ? 0 : 2);
        }
        for (int g = 0; groups != null && g < groups.size(); g++) {
            for (JournalEntry entry : groups.get(g)) {
                rank.put(entry.index(), g);
            }
        }
        int[] left = new int[4];
        rank.values().forEach(r -> left[r]++);
        return entry -> {
            int own = rank.getOrDefault(entry.index(), 2);
            try {
                synchronized (left) {
                    while (preempted.getAsBoolean() && earlierLeft(left, own) && !abort.aborted()) {
                        left.wait(200);
                    }
                }
                task.run(entry);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                task.run(entry);
            } finally {
                synchronized (left) {
                    left[own]--;
                    left.notifyAll();
                }
            }
        };
    }

    private static boolean earlierLeft(int[] left, int own) {
        for (int r = 0; r < own; r++) {
            if (left[r] > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * A notice came while this plan runs: if its model files are already in (only data files left), its preempted
     * manifest is written now rather than after the next file. On the caller's thread.
     */
    public void noticeWhileRunning() {
        JournaledPlan plan = running;
        if (plan != null) {
            preemptedManifest(plan, runningHeaders);
        }
    }

    private void preemptedManifest(JournaledPlan plan, ObjectHeaders headers) {
        if (PreemptedManifest.modelFilesIn(plan) && preemptedManifest.compareAndSet(false, true)) {
            new PreemptedManifest(client, uploader.retrier(), settings).write(plan, headers);
        }
    }

    private static PlannedFile planned(JournalEntry entry) {
        return new PlannedFile(entry.path(), entry.bucket(), entry.key(), entry.size());
    }

    /** Written only when every file the plan named is verified, and never over the manifest of a newer plan. */
    private void writeManifest(JournaledPlan plan, PlanOutcome outcome, ObjectHeaders headers) {
        PlanRecord record = plan.record();
        if (plan.anyGone()) {
            AgentLog.error("no manifest for " + record.modelPath() + ": files vanished before they were uploaded,"
                    + " so the set in OSS is incomplete");
            manifestEvent(record, plan, "skipped", "files vanished before they were uploaded");
            journal(plan::manifestSettled);
            return;
        }
        if (plan.refusedCount() > 0) {
            AgentLog.error("no manifest for " + record.modelPath() + ": " + plan.refusedCount() + " of its objects"
                    + " already hold other content and " + SettingNames.OVERWRITE + "=false, so the set in OSS is not"
                    + " this run's");
            manifestEvent(record, plan, "skipped", "objects already hold other content");
            journal(plan::manifestSettled);
            return;
        }
        if (!record.gaps().isEmpty()) {
            AgentLog.error("no manifest for " + record.modelPath() + ": the set in OSS is incomplete ("
                    + String.join("; ", record.gaps()) + ")");
            manifestEvent(record, plan, "skipped", "the set in OSS is incomplete");
            journal(plan::manifestSettled);
            return;
        }
        String object = record.manifestBucket() + "/" + record.manifestKey();
        try {
            Long newer = existingPlanTime(record);
            if (!ManifestAge.mayReplace(record.startedMillis(), newer)) {
                AgentLog.warn("not replacing the manifest " + object + ": it belongs to a newer plan (made "
                        + Instant.ofEpochMilli(newer) + ", this one " + Instant.ofEpochMilli(record.startedMillis())
                        + "); this plan's " + plan.done().size() + " files are uploaded and verified");
                manifestEvent(record, plan, "skipped", "a newer plan's manifest is there");
                journal(plan::manifestSettled);
                return;
            }
        } catch (RuntimeException e) {
            failed(e, "reading the manifest " + object, record, outcome);
            manifestFailed(record, plan, e);
            return;
        }
        String host = record.host() != null ? record.host() : LocalHost.name();
        long finished = System.currentTimeMillis();
        // Planned in this JVM: the run began when it did (for list --runs); resume cannot know.
        Long runStarted = record.pid() == ProcessHandle.current().pid() ? settings.run().startedMillis() : null;
        byte[] json = Manifest.json(record, host, plan.done(), finished, runStarted, null).getBytes(StandardCharsets.UTF_8);
        try {
            uploader.retrier().call("PUT " + object, () -> {
                ObjectMetadata metadata = headers.forManifest("application/json");
                metadata.setContentLength(json.length);
                metadata.addUserMetadata(ManifestAge.METADATA, Long.toString(record.startedMillis()));
                return client.putObject(record.manifestBucket(), record.manifestKey(), new ByteArrayInputStream(json),
                        metadata);
            });
            AgentLog.info("manifest written: " + object + " (" + plan.done().size() + " files)");
            outcome.manifestWritten = true;
            manifestEvent(record, plan, "written", null);
            journal(plan::manifestSettled);
        } catch (OSSException e) {
            if (!ObjectExists.CODE.equals(e.getErrorCode())) {
                failed(e, "writing the manifest " + object, record, outcome);
                manifestFailed(record, plan, e);
                return;
            }
            AgentLog.error("not replacing the manifest " + object + ": it already exists and " + SettingNames.OVERWRITE
                    + "=false; this plan's " + plan.done().size() + " files are uploaded and verified");
            outcome.failed(e);
            manifestEvent(record, plan, "failed", "object-exists");
            journal(plan::manifestSettled);
            return;
        } catch (RuntimeException e) {
            failed(e, "writing the manifest " + object, record, outcome);
            manifestFailed(record, plan, e);
            return;
        }
        if (record.latestKey() != null) {
            movePointer(record, finished, headers, outcome);
        }
    }

    /** One line for a failed request around the manifest; the journal keeps the manifest pending. */
    private void failed(RuntimeException e, String action, PlanRecord record, PlanOutcome outcome) {
        UploadFailure failure = UploadFailure.of(e, action, record.manifestBucket(), credentials, settings);
        AgentLog.error(failure.message());
        outcome.failed(e);
    }

    /** {@code ossagent.latest}: after the manifest, never before it (the pointer names only complete runs). */
    private void movePointer(PlanRecord record, long finished, ObjectHeaders headers, PlanOutcome outcome) {
        try {
            new LatestPointerWriter(client, uploader.retrier()).write(record, finished, headers);
            latestEvent(record, "written");
            outcome.latestWritten = true;
        } catch (RuntimeException e) {
            latestEvent(record, "failed");
            failed(e, "writing the pointer " + record.manifestBucket() + "/" + record.latestKey()
                    + " (the run's manifest is written)", record, outcome);
        }
    }

    /** For {@code ossagent.events.file}: what became of the plan's manifest; reason is null when written. */
    private void manifestEvent(PlanRecord record, JournaledPlan plan, String status, String reason) {
        if (events != null) {
            events.manifest(record.run(), record.manifestBucket(), record.manifestKey(), plan.done().size(), status,
                    reason);
        }
    }

    private void manifestFailed(PlanRecord record, JournaledPlan plan, RuntimeException e) {
        if (events != null) {
            manifestEvent(record, plan, "failed", FailureKind.of(e));
        }
    }

    private void latestEvent(PlanRecord record, String status) {
        if (events != null) {
            events.latest(record.run(), record.manifestBucket(), record.latestKey(), status);
        }
    }

    /** The plan time of the manifest already at the plan's manifest key; null when there is none or it is unknown. */
    private Long existingPlanTime(PlanRecord record) {
        SmallObject existing = SmallObject.get(client, uploader.retrier(), record.manifestBucket(), record.manifestKey());
        return existing == null ? null : ManifestAge.of(existing.userMetadata, existing.text);
    }

    /** A journal step. If it cannot be written, the upload still happened; resume would only send it again. */
    private interface JournalStep {
        void run() throws IOException;
    }

    private static void journal(JournalStep step) {
        try {
            step.run();
        } catch (IOException e) {
            AgentLog.warn("could not update the upload journal (" + e.getMessage() + ")");
        }
    }
}
