package dev.ossagent.config;

import static dev.ossagent.config.SettingNames.MULTIPART_ORPHAN_AGE;
import static dev.ossagent.config.SettingNames.MULTIPART_PART_SIZE;
import static dev.ossagent.config.SettingNames.MULTIPART_THREADS;
import static dev.ossagent.config.SettingNames.MULTIPART_THRESHOLD;
import static dev.ossagent.config.SettingNames.PROGRESS_INTERVAL;
import static dev.ossagent.config.SettingNames.RETRY_BACKOFF;
import static dev.ossagent.config.SettingNames.RETRY_MAX_ATTEMPTS;
import static dev.ossagent.config.SettingNames.RETRY_MAX_TIME;
import static dev.ossagent.config.SettingNames.SKIP_UNCHANGED;
import static dev.ossagent.config.SettingNames.UPLOAD_CONNECTIONS;
import static dev.ossagent.config.SettingNames.UPLOAD_MAX_BANDWIDTH;
import static dev.ossagent.config.SettingNames.UPLOAD_PARALLEL_FILES;

import java.time.Duration;

/** How files travel: multipart from which size, in how many threads, how often a failed request is retried. */
public final class TransferSettings {
    /** OSS refuses parts below this size (except the last) and above 5 GiB. */
    public static final long MIN_PART_SIZE = 100 * 1024;
    public static final long MAX_PART_SIZE = 5L << 30;
    /** Measured: bench/small-files.sh (300 files of 20 KB, 20 ms per request). */
    public static final int DEFAULT_PARALLEL_FILES = 8;
    /** Requests in flight at once, files and parts together; what a trainer's machine should spare. */
    public static final int DEFAULT_CONNECTIONS = 8;

    private final long multipartThreshold;
    private final long partSize;
    private final int threads;
    private final int maxAttempts;
    private final Duration maxRetryTime;
    private final Duration backoff;
    private final boolean skipUnchanged;
    private final Duration progressInterval;
    private final int parallelFiles;
    private final int connections;
    private final long maxBandwidth;
    private final Duration orphanAge;

    private TransferSettings(RawSettings raw) throws SettingsException {
        multipartThreshold = size(raw, MULTIPART_THRESHOLD, "100MiB");
        String part = raw.get(MULTIPART_PART_SIZE);
        partSize = part == null || part.isEmpty() ? 0 : ByteSizes.parse(MULTIPART_PART_SIZE, part);
        if (partSize != 0 && (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE)) {
            throw new SettingsException(OneLine.setting(MULTIPART_PART_SIZE, part) + " is outside what OSS accepts (100KiB to 5GiB); leave it unset to size parts from the file");
        }
        threads = count(raw, MULTIPART_THREADS, 4, 64);
        maxAttempts = count(raw, RETRY_MAX_ATTEMPTS, 10, 1000);
        maxRetryTime = duration(raw, RETRY_MAX_TIME, "15m");
        backoff = duration(raw, RETRY_BACKOFF, "1s");
        skipUnchanged = raw.bool(SKIP_UNCHANGED, true);
        progressInterval = duration(raw, PROGRESS_INTERVAL, "5s");
        parallelFiles = count(raw, UPLOAD_PARALLEL_FILES, DEFAULT_PARALLEL_FILES, 256);
        connections = count(raw, UPLOAD_CONNECTIONS, DEFAULT_CONNECTIONS, 256);
        String rate = raw.get(UPLOAD_MAX_BANDWIDTH);
        maxBandwidth = rate == null || rate.isEmpty() ? 0
                : ByteSizes.parse(UPLOAD_MAX_BANDWIDTH, rate.replaceFirst("(?i)/s$", ""));
        String orphans = raw.get(MULTIPART_ORPHAN_AGE);
        orphanAge = orphans != null && orphans.trim().equalsIgnoreCase("off") ? null
                : duration(raw, MULTIPART_ORPHAN_AGE, "24h");
    }

    public static TransferSettings parse(RawSettings raw) throws SettingsException {
        return new TransferSettings(raw);
    }

    private static long size(RawSettings raw, String name, String fallback) throws SettingsException {
        String value = raw.get(name);
        return ByteSizes.parse(name, value == null || value.isEmpty() ? fallback : value);
    }

    private static Duration duration(RawSettings raw, String name, String fallback) throws SettingsException {
        String value = raw.get(name);
        return Durations.parse(name, value == null || value.isEmpty() ? fallback : value);
    }

    private static int count(RawSettings raw, String name, int fallback, int max) throws SettingsException {
        String value = raw.get(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SettingsException(OneLine.setting(name, value) + " is not a whole number from 1 to " + max);
    }

    /** Files of at least this many bytes go as resumable multipart uploads, smaller ones as one PutObject. */
    public long multipartThreshold() { return multipartThreshold; }
    /** The configured part size, or 0: chosen from the file size. */
    public long partSize() { return partSize; }
    /** Parts of one file sent at once. */
    public int threads() { return threads; }
    /** Tries of one request, the first included. */
    public int maxAttempts() { return maxAttempts; }
    /** How long one request keeps being retried after its first failure. */
    public Duration maxRetryTime() { return maxRetryTime; }
    /** The first pause before a retry; it doubles with each further retry. */
    public Duration backoff() { return backoff; }
    public boolean skipUnchanged() { return skipUnchanged; }
    /** Between progress lines of one long upload; 0 turns them off. */
    public Duration progressInterval() { return progressInterval; }
    /** Files of a plan uploaded at once. */
    public int parallelFiles() { return parallelFiles; }
    /** Requests to OSS in flight at once, over all files and parts. */
    public int connections() { return connections; }
    /**
     * Incomplete multipart uploads under the agent's prefixes older than this, that no checkpoint of the state dir
     * continues, are aborted after a run's upload and by resume; null ({@code off}): never.
     */
    public Duration orphanAge() { return orphanAge; }
    /** Bytes per second all uploads together may send; 0 for no cap. */
    public long maxBandwidth() { return maxBandwidth; }
}
