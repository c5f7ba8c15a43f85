package dev.ossagent.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The public setting names. Users' files and scripts depend on them: add freely, never rename.
 * Each name works in the settings file, as {@code -Dname=value}, and as an environment variable
 * ({@link #envName(String)}).
 */
public final class SettingNames {
    public static final String ENABLED = "ossagent.enabled";
    public static final String DRY_RUN = "ossagent.dry-run";
    public static final String TARGET_CLASS = "ossagent.target.class";
    public static final String TARGET_METHOD = "ossagent.target.method";
    public static final String TARGET_PATH = "ossagent.target.path";
    public static final String PRESET = "ossagent.preset";
    public static final String MODEL_FILES = "ossagent.model.files";
    public static final String DATA_FILES = "ossagent.data.files";
    public static final String ENDPOINT = "ossagent.endpoint";
    public static final String REGION = "ossagent.region";
    public static final String SIGNATURE = "ossagent.signature";
    public static final String MODEL_BUCKET = "ossagent.model.bucket";
    public static final String MODEL_PREFIX = "ossagent.model.prefix";
    public static final String DATA_BUCKET = "ossagent.data.bucket";
    public static final String DATA_PREFIX = "ossagent.data.prefix";
    public static final String CREDENTIALS_CSV = "ossagent.credentials.csv";
    public static final String CREDENTIALS_SOURCE = "ossagent.credentials.source";
    public static final String CREDENTIALS_STS_ENDPOINT = "ossagent.credentials.sts-endpoint";
    public static final String CREDENTIALS_ECS_METADATA_ENDPOINT = "ossagent.credentials.ecs-metadata-endpoint";
    public static final String UPLOAD_MODE = "ossagent.upload.mode";
    public static final String EXIT_TIMEOUT = "ossagent.exit.timeout";
    public static final String STATE_DIR = "ossagent.state.dir";
    public static final String EXIT_FAILURE_CODE = "ossagent.exit.failure-code";
    public static final String MULTIPART_THRESHOLD = "ossagent.multipart.threshold";
    /** Age from which the agent and resume abort incomplete multipart uploads no checkpoint continues; off: never. */
    public static final String MULTIPART_ORPHAN_AGE = "ossagent.multipart.orphan-age";
    public static final String MULTIPART_PART_SIZE = "ossagent.multipart.part-size";
    public static final String MULTIPART_THREADS = "ossagent.multipart.threads";
    public static final String RETRY_MAX_ATTEMPTS = "ossagent.retry.max-attempts";
    public static final String RETRY_MAX_TIME = "ossagent.retry.max-time";
    public static final String RETRY_BACKOFF = "ossagent.retry.backoff";
    public static final String SKIP_UNCHANGED = "ossagent.skip-unchanged";
    public static final String PROGRESS_INTERVAL = "ossagent.progress.interval";
    public static final String UPLOAD_PARALLEL_FILES = "ossagent.upload.parallel-files";
    public static final String UPLOAD_CONNECTIONS = "ossagent.upload.connections";
    public static final String UPLOAD_MAX_BANDWIDTH = "ossagent.upload.max-bandwidth";
    public static final String RUN_ID = "ossagent.run.id";
    public static final String RANK = "ossagent.rank";
    public static final String UPLOAD_RANKS = "ossagent.upload.ranks";
    public static final String OVERWRITE = "ossagent.overwrite";
    public static final String LATEST = "ossagent.latest";
    public static final String TAGS = "ossagent.tags";
    public static final String STORAGE_CLASS = "ossagent.storage-class";
    public static final String SSE = "ossagent.sse";
    public static final String SSE_KMS_KEY_ID = "ossagent.sse.kms-key-id";
    public static final String WEAVE_CACHE = "ossagent.weave-cache";
    public static final String EVENTS_FILE = "ossagent.events.file";
    public static final String LOG_FORMAT = "ossagent.log.format";
    public static final String JMX = "ossagent.jmx";
    public static final String PREEMPTION = "ossagent.preemption";
    public static final String PREEMPTION_POLL = "ossagent.preemption.poll";
    public static final String PREEMPTION_GRACE = "ossagent.preemption.grace";
    public static final String RESTORE = "ossagent.restore";
    public static final String RESTORE_DIR = "ossagent.restore.dir";
    public static final String RESTORE_TIMEOUT = "ossagent.restore.timeout";
    public static final String LATEST_PREEMPTED = "ossagent.latest.preempted";
    public static final String PREFLIGHT = "ossagent.preflight";

    /** Keys of the Python setup's {@code .conf} file, accepted in the settings file. */
    public static final String ALIAS_ACCESS_KEY_ID = "access_key_id";
    public static final String ALIAS_ACCESS_KEY_SECRET = "access_key_secret";
    public static final String ALIAS_ENDPOINT = "oss_endpoint";
    public static final String ALIAS_BUCKET = "oss_bucket";

    public static final Set<String> ALL = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(
            ENABLED, DRY_RUN, TARGET_CLASS, TARGET_METHOD, TARGET_PATH, PRESET, MODEL_FILES, DATA_FILES, ENDPOINT, REGION,
            SIGNATURE, MODEL_BUCKET, MODEL_PREFIX, DATA_BUCKET, DATA_PREFIX, CREDENTIALS_CSV, UPLOAD_MODE,
            EXIT_TIMEOUT, STATE_DIR, MULTIPART_THRESHOLD, MULTIPART_PART_SIZE, MULTIPART_THREADS, MULTIPART_ORPHAN_AGE,
            RETRY_MAX_ATTEMPTS,
            RETRY_MAX_TIME, RETRY_BACKOFF, SKIP_UNCHANGED, PROGRESS_INTERVAL, EXIT_FAILURE_CODE, UPLOAD_PARALLEL_FILES,
            UPLOAD_CONNECTIONS, UPLOAD_MAX_BANDWIDTH, CREDENTIALS_SOURCE, CREDENTIALS_STS_ENDPOINT,
            CREDENTIALS_ECS_METADATA_ENDPOINT, RUN_ID, RANK, UPLOAD_RANKS, OVERWRITE, LATEST, TAGS, STORAGE_CLASS, SSE,
            SSE_KMS_KEY_ID, WEAVE_CACHE,
            EVENTS_FILE, LOG_FORMAT, JMX, PREEMPTION, PREEMPTION_POLL, PREEMPTION_GRACE, RESTORE, RESTORE_DIR,
            RESTORE_TIMEOUT, LATEST_PREEMPTED, PREFLIGHT)));

    public static final Set<String> FILE_ALIASES = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(
            ALIAS_ACCESS_KEY_ID, ALIAS_ACCESS_KEY_SECRET, ALIAS_ENDPOINT, ALIAS_BUCKET)));

    private SettingNames() {
    }

    /** {@code ossagent.dry-run} is {@code OSSAGENT_DRY_RUN} in the environment. */
    public static String envName(String name) {
        return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The known name closest to a misspelt one, or null when nothing is close. */
    public static String nearest(String unknown) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String probe = unknown.toLowerCase(Locale.ROOT);
        for (String known : ALL) {
            int distance = editDistance(probe, known);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = known;
            }
        }
        return bestDistance <= Math.max(3, probe.length() / 4) ? best : null;
    }

    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
