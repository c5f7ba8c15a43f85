package dev.ossagent.transfer;

import com.aliyun.oss.OSS;
import dev.ossagent.config.Settings;
import dev.ossagent.failure.ErrorText;
import dev.ossagent.log.AgentLog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * After a run's upload and at {@code resume}: aborts the incomplete multipart uploads under the agent's own prefixes
 * (model and data, up to their first placeholder) that are older than {@code ossagent.multipart.orphan-age} and that
 * no checkpoint of this state dir continues: what a {@code kill -9}, an exit timeout or a lost journal left, billed
 * until aborted. The age keeps uploads other machines are still sending; a refusal is one line, never a failure.
 */
public final class OrphanSweep {
    /** Each abort gets its line up to this many; the total always does. */
    private static final int LINES = 20;

    private OrphanSweep() {
    }

    /** @return how many uploads were aborted */
    public static int run(OSS client, Settings settings, Path multipartDir) {
        Duration age = settings.transfer().orphanAge();
        if (age == null) {
            return 0;
        }
        Set<String> continued = IncompleteUploads.continued(multipartDir);
        Instant cutoff = Instant.now().minus(age);
        int aborted = 0;
        for (String[] where : targets(settings)) {
            String bucket = where[0];
            String prefix = where[1];
            int[] counts = new int[1];
            try {
                IncompleteUploads.each(client, bucket, prefix, upload -> {
                    if (!upload.olderThan(cutoff) || continued.contains(upload.uploadId)) {
                        return;
                    }
                    try {
                        IncompleteUploads.abort(client, upload);
                        if (++counts[0] <= LINES) {
                            AgentLog.info("aborted the incomplete multipart upload of " + bucket + "/" + upload.key
                                    + " begun " + upload.initiated + ": older than " + age.toString().substring(2)
                                    .toLowerCase(java.util.Locale.ROOT) + " and no checkpoint here continues it");
                        }
                    } catch (RuntimeException e) {
                        AgentLog.info("could not abort the incomplete multipart upload of " + bucket + "/" + upload.key
                                + " (" + ErrorText.of(e) + ")");
                    }
                });
            } catch (RuntimeException e) {
                AgentLog.info("could not list the incomplete multipart uploads under " + bucket + "/" + prefix + " ("
                        + ErrorText.of(e) + "), so none was aborted; a bucket lifecycle rule that aborts them after"
                        + " some days is the safety net (see docs/troubleshooting-bad-hour.md)");
            }
            if (counts[0] > 0) {
                AgentLog.info("aborted " + counts[0] + " incomplete multipart upload(s) under " + bucket + "/" + prefix);
            }
            aborted += counts[0];
        }
        return aborted;
    }

    /** The model and the data bucket with their listed prefixes, each pair once. */
    static List<String[]> targets(Settings settings) {
        Set<String> seen = new HashSet<>();
        List<String[]> targets = new ArrayList<>();
        String[][] all = {
            {settings.modelBucket(), IncompleteUploads.listedPrefix(settings.modelPrefixTemplate())},
            {settings.dataBucket(), IncompleteUploads.listedPrefix(settings.dataPrefixTemplate())}};
        for (String[] where : all) {
            if (where[0] != null && seen.add(where[0] + "/" + where[1])) {
                targets.add(where);
            }
        }
        return targets;
    }
}
