package dev.ossagent.config;

import static dev.ossagent.config.SettingNames.*;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Parsed, validated settings. Immutable; built once by {@link #parse(RawSettings)}. */
public final class Settings {
    public enum UploadMode { ASYNC, SYNC }

    private final Path file;
    private final boolean enabled;
    private final boolean dryRun;
    private final Targets targets;
    private final List<String> modelFiles;
    private final List<String> dataFiles;
    private final Endpoint endpoint;
    private final boolean signatureV1;
    private final String modelBucket;
    private final String modelPrefix;
    private final String dataBucket;
    private final String dataPrefix;
    private final Path credentialsCsv;
    private final UploadMode uploadMode;
    private final Duration exitTimeout;
    private final int exitFailureCode;
    private final Path stateDir;
    private final TransferSettings transfer;
    private final String fileAccessKeyId;
    private final String fileAccessKeySecret;
    private final String credentialsSource;
    private final String stsEndpoint;
    private final String ecsMetadataEndpoint;
    private final Run run;
    private final UploadRanks uploadRanks;
    private final String modelPrefixTemplate;
    private final String dataPrefixTemplate;
    private final boolean overwrite;
    private final String latest;
    private final Map<String, String> tags;
    private final String storageClass;
    private final Encryption encryption;
    private final PreemptionSettings preemption;
    private final RestoreSettings restore;
    private final PreflightMode preflight;

    private Settings(RawSettings raw, boolean forAgent) throws SettingsException {
        file = raw.file();
        targets = Targets.parse(raw, forAgent);
        enabled = raw.bool(ENABLED, true);
        dryRun = raw.bool(DRY_RUN, false);
        run = Run.resolve(raw);
        uploadRanks = UploadRanks.parse(raw.get(UPLOAD_RANKS));
        modelFiles = fileList(raw, MODEL_FILES, "${model}");
        dataFiles = fileList(raw, DATA_FILES, null);
        endpoint = Endpoint.parse(firstOf(raw.get(ENDPOINT), raw.fileValue(ALIAS_ENDPOINT), "oss-cn-beijing.aliyuncs.com"),
                raw.get(REGION));
        signatureV1 = signature(raw);
        modelBucket = bucket(raw, forAgent, MODEL_BUCKET, firstOf(raw.get(MODEL_BUCKET), raw.fileValue(ALIAS_BUCKET), null),
                true);
        modelPrefixTemplate = orDefault(raw.get(MODEL_PREFIX), "models/");
        modelPrefix = KeyPrefix.parse(MODEL_PREFIX, modelPrefixTemplate, run);
        dataBucket = bucket(raw, forAgent, DATA_BUCKET, raw.get(DATA_BUCKET), !dataFiles.isEmpty());
        dataPrefixTemplate = orDefault(raw.get(DATA_PREFIX), "training-data/");
        dataPrefix = KeyPrefix.parse(DATA_PREFIX, dataPrefixTemplate, run);
        credentialsCsv = path(raw, CREDENTIALS_CSV, "AccessKey.csv");
        uploadMode = uploadMode(raw.get(UPLOAD_MODE));
        exitTimeout = Durations.parse(EXIT_TIMEOUT, orDefault(raw.get(EXIT_TIMEOUT), "30m"));
        exitFailureCode = exitCode(raw.get(EXIT_FAILURE_CODE));
        stateDir = stateDir(raw);
        raw.weaveCache(); // checked here, so a bad value is said once with the others
        transfer = TransferSettings.parse(raw);
        fileAccessKeyId = raw.fileValue(ALIAS_ACCESS_KEY_ID);
        fileAccessKeySecret = raw.fileValue(ALIAS_ACCESS_KEY_SECRET);
        credentialsSource = raw.get(CREDENTIALS_SOURCE);
        stsEndpoint = raw.get(CREDENTIALS_STS_ENDPOINT);
        ecsMetadataEndpoint = raw.get(CREDENTIALS_ECS_METADATA_ENDPOINT);
        overwrite = raw.bool(OVERWRITE, true);
        String latestKey = raw.get(LATEST);
        latest = latestKey == null || latestKey.isEmpty() ? null : KeyPrefix.objectKey(LATEST, latestKey);
        tags = ObjectTags.parse(raw.get(TAGS));
        storageClass = StorageClasses.parse(raw.get(STORAGE_CLASS));
        encryption = Encryption.parse(raw.get(SSE), raw.get(SSE_KMS_KEY_ID));
        preemption = PreemptionSettings.parse(raw, exitTimeout);
        restore = RestoreSettings.parse(raw);
        preflight = PreflightMode.parse(raw.get(SettingNames.PREFLIGHT));
    }

    /** A file list whose placeholders are all known ones; they are expanded when a path is returned. */
    private static List<String> fileList(RawSettings raw, String name, String fallback) throws SettingsException {
        List<String> entries = raw.list(name, fallback);
        for (String entry : entries) {
            Placeholders.check(name, entry, Placeholders.IN_FILES);
        }
        return entries;
    }

    /** Parses and validates; warns about unknown keys. Throws with one line naming the setting at fault. */
    public static Settings parse(RawSettings raw) throws SettingsException {
        UnknownKeys.warn(raw);
        return new Settings(raw, true);
    }

    /** As {@link #parse}, for the command line: {@code ossagent.target.class} is not required there. */
    public static Settings parseForCli(RawSettings raw) throws SettingsException {
        UnknownKeys.warn(raw);
        return new Settings(raw, false);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static String firstOf(String a, String b, String fallback) {
        return orDefault(a, orDefault(b, fallback));
    }

    private static boolean signature(RawSettings raw) throws SettingsException {
        String value = orDefault(raw.get(SIGNATURE), "v4").toLowerCase(Locale.ROOT);
        if (value.equals("v4")) {
            return false;
        }
        if (value.equals("v1")) {
            return true;
        }
        throw new SettingsException(OneLine.setting(SIGNATURE, value) + " is not v4 or v1");
    }

    private static String bucket(RawSettings raw, boolean forAgent, String name, String value, boolean required)
            throws SettingsException {
        if (value == null || value.isEmpty()) {
            if (required) {
                throw new SettingsException(name + " is not set" + raw.where(forAgent)
                        + "; name the OSS bucket, for example " + name + "=my-bucket");
            }
            return null;
        }
        String problem = BucketNames.problem(value);
        if (problem != null) {
            throw new SettingsException(OneLine.setting(name, value) + " is not a valid bucket name: " + problem
                    + "; use the bucket's name as the OSS console shows it");
        }
        return value;
    }

    private static Path path(RawSettings raw, String name, String fallbackName) throws SettingsException {
        String value = raw.get(name);
        if (value == null || value.isEmpty()) {
            if (fallbackName == null) {
                return defaultStateDir();
            }
            return raw.baseDir().resolve(fallbackName);
        }
        try {
            return raw.baseDir().resolve(value).normalize();
        } catch (InvalidPathException e) {
            throw new SettingsException(OneLine.setting(name, value) + " is not a valid path ("
                    + OneLine.of(e.getReason()) + ")");
        }
    }

    /** {@code ossagent.state.dir}, else {@link #defaultStateDir()}; null when neither exists. */
    public static Path stateDir(RawSettings raw) throws SettingsException {
        return path(raw, STATE_DIR, null);
    }

    /** -1 when unset: the trainer's own exit code stands. */
    private static int exitCode(String value) throws SettingsException {
        if (value == null || value.isEmpty()) {
            return -1;
        }
        try {
            int code = Integer.parseInt(value.trim());
            if (code >= 1 && code <= 255) {
                return code;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SettingsException(OneLine.setting(EXIT_FAILURE_CODE, value) + " is not an exit code from 1 to 255");
    }

    /** {@code ~/.oss-agent}; null when the JVM knows no home (a container user without one: "?"). */
    public static Path defaultStateDir() {
        String home = System.getProperty("user.home");
        if (home == null || home.isEmpty() || home.equals("?") || !Paths.get(home).isAbsolute()) {
            return null;
        }
        return Paths.get(home, ".oss-agent");
    }

    private static UploadMode uploadMode(String value) throws SettingsException {
        String mode = orDefault(value, "async").toLowerCase(Locale.ROOT);
        if (mode.equals("async")) {
            return UploadMode.ASYNC;
        }
        if (mode.equals("sync")) {
            return UploadMode.SYNC;
        }
        throw new SettingsException(OneLine.setting(UPLOAD_MODE, value) + " is not async or sync");
    }

    /** {@code ossagent.preemption}, {@code .poll}, {@code .grace} and {@code ossagent.latest.preempted}. */
    public PreemptionSettings preemption() { return preemption; }
    /** {@code ossagent.restore}, {@code .dir}, {@code .timeout}. */
    public RestoreSettings restore() { return restore; }
    public Path file() { return file; }
    public boolean enabled() { return enabled; }
    public boolean dryRun() { return dryRun; }
    public Targets targets() { return targets; }
    public List<String> modelFiles() { return modelFiles; }
    public List<String> dataFiles() { return dataFiles; }
    public Endpoint endpoint() { return endpoint; }
    public boolean signatureV1() { return signatureV1; }
    public String modelBucket() { return modelBucket; }
    public String modelPrefix() { return modelPrefix; }
    public String dataBucket() { return dataBucket; }
    public String dataPrefix() { return dataPrefix; }
    public Path credentialsCsv() { return credentialsCsv; }
    public UploadMode uploadMode() { return uploadMode; }
    public Duration exitTimeout() { return exitTimeout; }
    /** The JVM's exit code when uploads failed, or -1: the trainer's own exit code stands. */
    public int exitFailureCode() { return exitFailureCode; }
    /** The configured state dir; null when unset and there is no home to put the default in. */
    public Path stateDir() { return stateDir; }
    public TransferSettings transfer() { return transfer; }
    public String fileAccessKeyId() { return fileAccessKeyId; }
    public String fileAccessKeySecret() { return fileAccessKeySecret; }
    /** {@code ossagent.credentials.source}, {@code .sts-endpoint}, {@code .ecs-metadata-endpoint}: null when unset. */
    public String credentialsSource() { return credentialsSource; }
    public String stsEndpoint() { return stsEndpoint; }
    public String ecsMetadataEndpoint() { return ecsMetadataEndpoint; }
    /** This run: the values of {@code ${run}}, {@code ${date}}, {@code ${host}}, {@code ${rank}}. */
    public Run run() { return run; }
    public UploadRanks uploadRanks() { return uploadRanks; }
    /** {@code ossagent.model.prefix} as written, placeholders and all ({@link #modelPrefix()} is expanded). */
    public String modelPrefixTemplate() { return modelPrefixTemplate; }
    /** {@code ossagent.data.prefix} as written. */
    public String dataPrefixTemplate() { return dataPrefixTemplate; }
    /** {@code ossagent.overwrite}: false never replaces an existing object. */
    public boolean overwrite() { return overwrite; }
    /** {@code ossagent.latest}: the key of the newest run's pointer in the model bucket, or null. */
    public String latest() { return latest; }
    /** {@code ossagent.tags}, in the order given; empty when unset. */
    public Map<String, String> tags() { return tags; }
    /** {@code ossagent.storage-class} as OSS spells it, or null: the bucket's default. */
    public String storageClass() { return storageClass; }
    public Encryption encryption() { return encryption; }
    /** The model prefix with another run's values in ({@code resume --retarget} keeps the plan's run). */
    public String modelPrefixFor(Run other) throws SettingsException {
        return KeyPrefix.parse(MODEL_PREFIX, modelPrefixTemplate, other);
    }

    public String dataPrefixFor(Run other) throws SettingsException {
        return KeyPrefix.parse(DATA_PREFIX, dataPrefixTemplate, other);
    }

    /** {@code ossagent.preflight}: warn (default), off, fail. */
    public PreflightMode preflight() { return preflight; }
}
