package dev.ossagent.config;

import dev.ossagent.log.Masking;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * For {@code test}: every setting in force and where its value came from (-D, environment, the settings file, the
 * default), values that could be keys masked; and the unknown names, which {@code test} fails on.
 */
public final class SettingSources {
    /** The defaults as the parsers have them; a setting not here has no value unless set (or is measured). */
    private static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(SettingNames.ENABLED, "true");
        d.put(SettingNames.DRY_RUN, "false");
        d.put(SettingNames.TARGET_METHOD, "train");
        d.put(SettingNames.TARGET_PATH, "auto");
        d.put(SettingNames.MODEL_FILES, "${model}");
        d.put(SettingNames.ENDPOINT, "oss-cn-beijing.aliyuncs.com");
        d.put(SettingNames.SIGNATURE, "v4");
        d.put(SettingNames.MODEL_PREFIX, "models/");
        d.put(SettingNames.DATA_PREFIX, "training-data/");
        d.put(SettingNames.CREDENTIALS_CSV, "AccessKey.csv (beside the settings file)");
        d.put(SettingNames.UPLOAD_MODE, "async");
        d.put(SettingNames.EXIT_TIMEOUT, "30m");
        d.put(SettingNames.STATE_DIR, "~/.oss-agent");
        d.put(SettingNames.MULTIPART_THRESHOLD, "100MiB");
        d.put(SettingNames.MULTIPART_PART_SIZE, "sized from the file");
        d.put(SettingNames.MULTIPART_THREADS, "4");
        d.put(SettingNames.RETRY_MAX_ATTEMPTS, "10");
        d.put(SettingNames.RETRY_MAX_TIME, "15m");
        d.put(SettingNames.RETRY_BACKOFF, "1s");
        d.put(SettingNames.SKIP_UNCHANGED, "true");
        d.put(SettingNames.PROGRESS_INTERVAL, "5s");
        d.put(SettingNames.UPLOAD_PARALLEL_FILES, "measured");
        d.put(SettingNames.UPLOAD_CONNECTIONS, "measured");
        d.put(SettingNames.RUN_ID, "generated per JVM");
        d.put(SettingNames.RANK, "from RANK, OMPI_COMM_WORLD_RANK, PMI_RANK, SLURM_PROCID");
        d.put(SettingNames.UPLOAD_RANKS, "all");
        d.put(SettingNames.OVERWRITE, "true");
        d.put(SettingNames.WEAVE_CACHE, "true");
        d.put(SettingNames.PREFLIGHT, "warn");
        DEFAULTS = Collections.unmodifiableMap(d);
    }

    /** The Python setup's .conf keys that stand for a setting (the settings file only). */
    private static final Map<String, String> ALIASES = Map.of(SettingNames.ENDPOINT, SettingNames.ALIAS_ENDPOINT,
            SettingNames.MODEL_BUCKET, SettingNames.ALIAS_BUCKET);

    private SettingSources() {
    }

    /** "ossagent.model.bucket = my-bucket  (file /x/oss-agent.properties)", one per known setting, in name order. */
    public static List<String> inForce(RawSettings raw) {
        List<String> lines = new ArrayList<>();
        int width = 0;
        for (String name : SettingNames.ALL) {
            width = Math.max(width, name.length());
        }
        for (String name : SettingNames.ALL) {
            String value;
            String from;
            String env = SettingNames.envName(name);
            if (raw.systemProperties().getProperty(name) != null) {
                value = raw.systemProperties().getProperty(name);
                from = "-D";
            } else if (raw.environment().get(env) != null) {
                value = raw.environment().get(env);
                from = "environment " + env;
            } else if (raw.fileValue(name) != null) {
                value = raw.fileValue(name);
                from = "file " + raw.file();
            } else if (ALIASES.containsKey(name) && raw.fileValue(ALIASES.get(name)) != null) {
                value = raw.fileValue(ALIASES.get(name));
                from = "file " + raw.file() + ", as " + ALIASES.get(name);
            } else {
                value = DEFAULTS.containsKey(name) ? DEFAULTS.get(name) : "(not set)";
                from = "default";
            }
            lines.add(String.format("%-" + width + "s = %s  (%s)", name, Masking.value(value.trim()), from));
        }
        return lines;
    }

    /** The unknown names (file, -D, OSSAGENT_* variables), each as the WARN the agent prints for it. */
    public static List<String> unknown(RawSettings raw) {
        return UnknownKeys.problems(raw);
    }
}
