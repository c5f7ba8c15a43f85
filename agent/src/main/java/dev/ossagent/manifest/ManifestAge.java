package dev.ossagent.manifest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which plan a manifest in OSS belongs to, by the time that plan was made: a plan resumed later never replaces
 * the manifest of a newer plan for the same prefix. The agent stores the time as object metadata; a manifest
 * without it (an older agent's) is dated by its {@code "started"} field.
 */
public final class ManifestAge {
    /** User metadata ({@code x-oss-meta-oss-agent-plan-started}): the plan's start, epoch milliseconds. */
    public static final String METADATA = "oss-agent-plan-started";
    private static final Pattern STARTED = Pattern.compile("\"started\"\\s*:\\s*\"([^\"]+)\"");

    private ManifestAge() {
    }

    /** The plan time of an existing manifest, or null when it cannot be told. */
    public static Long of(Map<String, String> userMetadata, String json) {
        String stored = userMetadata == null ? null : userMetadata.get(METADATA);
        if (stored != null) {
            try {
                return Long.parseLong(stored.trim());
            } catch (NumberFormatException e) {
                // fall back to the content
            }
        }
        if (json == null) {
            return null;
        }
        Matcher started = STARTED.matcher(json);
        try {
            return started.find() ? Instant.parse(started.group(1)).toEpochMilli() : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Whether a plan made at {@code ours} may replace a manifest of a plan made at {@code theirs} (null: unknown). */
    public static boolean mayReplace(long ours, Long theirs) {
        return theirs == null || ours >= theirs;
    }
}
