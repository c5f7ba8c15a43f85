package dev.ossagent.transfer;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.ObjectMetadata;
import dev.ossagent.journal.PlanRecord;
import dev.ossagent.log.AgentLog;
import dev.ossagent.manifest.LatestPointer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * After a run's manifest: moves the {@code ossagent.latest} pointer to that run, unless the pointer already names
 * a run whose plan was made later (an older run that finishes last never moves it back). Between the GET and the
 * PUT another writer can slip in: two runs finishing in the same moment may leave the older one named. A pointer
 * made later than now (beyond {@link LatestPointer#SKEW_MILLIS}) is replaced with a WARN: a planted year 9999
 * would otherwise keep every later run from moving it.
 */
final class LatestPointerWriter {
    private final OSS client;
    private final Retrier retrier;

    LatestPointerWriter(OSS client, Retrier retrier) {
        this.client = client;
        this.retrier = retrier;
    }

    /** @return true when the pointer names this run now */
    boolean write(PlanRecord record, long finishedMillis, ObjectHeaders headers) {
        String bucket = record.manifestBucket();
        String key = record.latestKey();
        String object = bucket + "/" + key;
        Long theirs = existingStarted(bucket, key);
        if (LatestPointer.fromTheFuture(theirs, System.currentTimeMillis())) {
            AgentLog.warn(object + " names a run made " + Instant.ofEpochMilli(theirs) + ", later than now ("
                    + Instant.now() + ") by more than the " + LatestPointer.SKEW_MILLIS / 60_000 + " minutes clocks may"
                    + " differ; not trusting it to block, so replacing it with run " + record.run() + " (made "
                    + Instant.ofEpochMilli(record.startedMillis()) + ")");
        } else if (!LatestPointer.mayReplace(record.startedMillis(), theirs)) {
            AgentLog.info("not moving " + object + " to run " + record.run() + ": it names a newer run (made "
                    + Instant.ofEpochMilli(theirs) + ", this one " + Instant.ofEpochMilli(record.startedMillis()) + ")");
            return false;
        }
        byte[] json = LatestPointer.json(record, finishedMillis).getBytes(StandardCharsets.UTF_8);
        retrier.call("PUT " + object, () -> {
            ObjectMetadata metadata = headers.forPointer("application/json");
            metadata.setContentLength(json.length);
            return client.putObject(bucket, key, new ByteArrayInputStream(json), metadata);
        });
        AgentLog.info(object + " now names run " + record.run() + " (" + record.manifestKey() + ")");
        return true;
    }

    private Long existingStarted(String bucket, String key) {
        SmallObject existing = SmallObject.get(client, retrier, bucket, key);
        return existing == null ? null : LatestPointer.started(existing.text);
    }
}
