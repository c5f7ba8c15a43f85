package dev.ossagent.transfer;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.ObjectMetadata;
import dev.ossagent.config.LocalHost;
import dev.ossagent.config.SettingNames;
import dev.ossagent.config.Settings;
import dev.ossagent.credentials.ResolvedCredentials;
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
import java.util.concurrent.atomic.AtomicBoolean;
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

    public PlanRunner(OSS client, Settings settings, ResolvedCredentials credentials) {
        this.client = client;
        this.settings = settings;
        this.credentials = credentials;
        this.uploader = new ObjectUploader(client, settings);
        this.files = new ParallelFiles(settings.transfer().parallelFiles());
    }

    public PlanOutcome run(JournaledPlan plan, UploadProgress progress) {
        PlanOutcome outcome = new PlanOutcome();
        AtomicBoolean stopped = new AtomicBoolean();
        ObjectHeaders headers = ObjectHeaders.of(settings, plan.record().run(), plan.record().trainer());
        uploader.listBefore(plan.pending().stream().map(PlanRunner::planned).collect(Collectors.toList()));
        files.run(plan.pending(), entry -> {
            PlannedFile file = planned(entry);
            if (stopped.get()) {
                progress.fileDone(entry.size(), 0);
                outcome.oneLeft();
                return;
            }
            String changed = PlannedVersion.change(entry);
            if (changed != null) {
                AgentLog.warn(changed);
            }
            try {
                UploadedFile result = uploader.upload(file, headers, plan.record().id() + "-" + entry.index(), progress,
                        null);
                outcome.verified(result.skipped());
                journal(() -> plan.done(entry, result));
            } catch (LocalFileGone e) {
                AgentLog.error("upload of " + file.path() + " to " + file.objectName() + " failed: the file no longer"
                        + " exists" + (plan.persistent() ? "; it is dropped from the journal" : ""));
                outcome.oneGone();
                journal(() -> plan.gone(entry));
            } catch (ObjectExists e) {
                AgentLog.error(e.getMessage() + (plan.persistent() ? "; it is dropped from the journal" : "")
                        + " (no retry can upload it there)");
                outcome.oneRefused(e);
                journal(() -> plan.refused(entry));
            } catch (RuntimeException e) {
                UploadFailure failure = UploadFailure.of(e, "upload of " + file.path() + " to " + file.objectName(),
                        file.bucket(), credentials, settings);
                AgentLog.error(failure.message());
                outcome.failedFile(e);
                if (failure.stopsSession()) {
                    stopped.set(true);
                }
            }
        });
        if (!stopped.get() && plan.pending().isEmpty() && plan.manifestPending()) {
            writeManifest(plan, outcome, headers);
        }
        return outcome;
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
            journal(plan::manifestSettled);
            return;
        }
        if (plan.refusedCount() > 0) {
            AgentLog.error("no manifest for " + record.modelPath() + ": " + plan.refusedCount() + " of its objects"
                    + " already hold other content and " + SettingNames.OVERWRITE + "=false, so the set in OSS is not"
                    + " this run's");
            journal(plan::manifestSettled);
            return;
        }
        if (!record.gaps().isEmpty()) {
            AgentLog.error("no manifest for " + record.modelPath() + ": the set in OSS is incomplete ("
                    + String.join("; ", record.gaps()) + ")");
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
                journal(plan::manifestSettled);
                return;
            }
        } catch (RuntimeException e) {
            failed(e, "reading the manifest " + object, record, outcome);
            return;
        }
        String host = record.host() != null ? record.host() : LocalHost.name();
        long finished = System.currentTimeMillis();
        byte[] json = Manifest.json(record, host, plan.done(), finished).getBytes(StandardCharsets.UTF_8);
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
            journal(plan::manifestSettled);
        } catch (OSSException e) {
            if (!ObjectExists.CODE.equals(e.getErrorCode())) {
                failed(e, "writing the manifest " + object, record, outcome);
                return;
            }
            AgentLog.error("not replacing the manifest " + object + ": it already exists and " + SettingNames.OVERWRITE
                    + "=false; this plan's " + plan.done().size() + " files are uploaded and verified");
            outcome.failed(e);
            journal(plan::manifestSettled);
            return;
        } catch (RuntimeException e) {
            failed(e, "writing the manifest " + object, record, outcome);
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
        } catch (RuntimeException e) {
            failed(e, "writing the pointer " + record.manifestBucket() + "/" + record.latestKey()
                    + " (the run's manifest is written)", record, outcome);
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
