package dev.ossagent.transfer;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.ObjectMetadata;
import dev.ossagent.config.LocalHost;
import dev.ossagent.config.SettingNames;
import dev.ossagent.config.Settings;
import dev.ossagent.failure.ErrorText;
import dev.ossagent.journal.JournalEntry;
import dev.ossagent.journal.JournaledPlan;
import dev.ossagent.journal.PlanRecord;
import dev.ossagent.log.AgentLog;
import dev.ossagent.manifest.Manifest;
import dev.ossagent.manifest.ManifestAge;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * After a preemption notice, a plan's manifest as soon as its model files are verified (the data files may not make
 * it): {@code "preempted": true} and {@code "missing"}, the objects planned and not verified. That run's checkpoint
 * is the one to resume from, so {@code ossagent.latest} may move to it ({@code ossagent.latest.preempted}). The
 * journal keeps the plan pending: if every file arrives after all, the full manifest replaces this one.
 */
public final class PreemptedManifest {
    private final OSS client;
    private final Retrier retrier;
    private final Settings settings;

    PreemptedManifest(OSS client, Retrier retrier, Settings settings) {
        this.client = client;
        this.retrier = retrier;
        this.settings = settings;
    }

    /** True when no model file (one under the manifest's folder, in its bucket) is pending, and some file is. */
    static boolean modelFilesIn(JournaledPlan plan) {
        List<JournalEntry> pending = plan.pending();
        if (pending.isEmpty() || !plan.manifestPending() || plan.anyGone() || plan.refusedCount() > 0
                || !plan.record().gaps().isEmpty()) {
            return false; // complete (the full manifest follows) or a set that gets no manifest at all
        }
        for (JournalEntry entry : pending) {
            if (isModelFile(plan.record(), entry)) {
                return false;
            }
        }
        return true;
    }

    /** A model file of the plan: in the manifest's bucket, under the manifest's folder. */
    public static boolean isModelFile(PlanRecord record, JournalEntry entry) {
        String key = record.manifestKey();
        String folder = key.substring(0, key.length() - Manifest.FILE_NAME.length());
        return entry.bucket().equals(record.manifestBucket()) && entry.key().startsWith(folder);
    }

    void write(JournaledPlan plan, ObjectHeaders headers) {
        PlanRecord record = plan.record();
        List<String> missing = new ArrayList<>();
        for (JournalEntry entry : plan.pending()) {
            missing.add(entry.bucket() + "/" + entry.key());
        }
        String object = record.manifestBucket() + "/" + record.manifestKey();
        long finished = System.currentTimeMillis();
        byte[] json = Manifest.json(record, record.host() != null ? record.host() : LocalHost.name(), plan.done(),
                finished, null, missing).getBytes(StandardCharsets.UTF_8);
        try {
            retrier.call("PUT " + object, () -> {
                ObjectMetadata metadata = headers.forManifest("application/json");
                metadata.setContentLength(json.length);
                metadata.addUserMetadata(ManifestAge.METADATA, Long.toString(record.startedMillis()));
                return client.putObject(record.manifestBucket(), record.manifestKey(), new ByteArrayInputStream(json),
                        metadata);
            });
            AgentLog.info("manifest written: " + object + " (preempted: " + plan.done().size() + " files, the model"
                    + " files complete; " + missing.size() + " missing)");
            if (record.latestKey() != null && settings.preemption().latestPreempted()) {
                new LatestPointerWriter(client, retrier).write(record, finished, headers);
            } else if (record.latestKey() != null) {
                AgentLog.info("not moving " + record.manifestBucket() + "/" + record.latestKey() + " to a preempted run ("
                        + SettingNames.LATEST_PREEMPTED + "=false)");
            }
        } catch (RuntimeException e) {
            AgentLog.error("could not write the preempted manifest " + object + " (" + ErrorText.of(e) + ")");
        }
    }
}
