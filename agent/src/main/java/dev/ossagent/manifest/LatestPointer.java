package dev.ossagent.manifest;

import dev.ossagent.journal.PlanRecord;
import java.time.Instant;
import java.util.Collections;

/**
 * The small JSON at {@code ossagent.latest} that names the newest complete run: its id, bucket, prefix and
 * manifest, and when its plan was made and finished. {@code download latest} reads it.
 */
public final class LatestPointer {
    public static final String FORMAT = "oss-agent-latest/1";

    private LatestPointer() {
    }

    public static String json(PlanRecord plan, long finishedMillis) {
        String manifest = plan.manifestKey();
        String prefix = manifest.endsWith(Manifest.FILE_NAME)
                ? manifest.substring(0, manifest.length() - Manifest.FILE_NAME.length()) : manifest;
        return "{\"format\": " + JsonText.quote(FORMAT)
                + ", \"run\": " + (plan.run() == null ? "null" : JsonText.quote(plan.run()))
                + ", \"bucket\": " + JsonText.quote(plan.manifestBucket())
                + ", \"prefix\": " + JsonText.quote(prefix)
                + ", \"manifest\": " + JsonText.quote(manifest)
                + ", \"started\": " + JsonText.quote(Instant.ofEpochMilli(plan.startedMillis()).toString())
                + ", \"finished\": " + JsonText.quote(Instant.ofEpochMilli(finishedMillis).toString()) + "}\n";
    }

    /** The plan time an existing pointer names (its {@code "started"}), or null when it cannot be told. */
    public static Long started(String json) {
        return ManifestAge.of(Collections.<String, String>emptyMap(), json);
    }

    /**
     * How far ahead of this clock a pointer's {@code started} may be and still be believed: clocks of machines
     * in one job differ by seconds, not minutes.
     */
    public static final long SKEW_MILLIS = 5 * 60 * 1000;

    /**
     * Whether a pointer made at {@code theirs} is from the future by this clock ({@code nowMillis}): planted,
     * or written by a machine whose clock ran ahead. It does not block later runs, or it would block them all.
     */
    public static boolean fromTheFuture(Long theirs, long nowMillis) {
        return theirs != null && theirs > nowMillis + SKEW_MILLIS;
    }

    /** Whether a run made at {@code ours} may move the pointer from one made at {@code theirs} (null: unknown). */
    public static boolean mayReplace(long ours, Long theirs) {
        return ManifestAge.mayReplace(ours, theirs);
    }
}
