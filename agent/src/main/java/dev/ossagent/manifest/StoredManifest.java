package dev.ossagent.manifest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.codehaus.jettison.json.JSONArray;
import org.codehaus.jettison.json.JSONException;
import org.codehaus.jettison.json.JSONObject;

/**
 * A manifest as read back from a bucket (see {@link Manifest} for what the agent writes). It is data from the
 * bucket, so nothing in it is trusted: a file entry that is not well formed is kept with the reason, and the
 * download of that one file fails; keys are checked where they become local paths. Parsed with jettison, the JSON
 * library the OSS SDK already brings.
 */
public final class StoredManifest {
    private static final String FORMAT = "oss-agent-manifest/";

    /** One file of the run, as the manifest lists it. */
    public static final class Entry {
        public final String bucket;
        public final String key;
        public final long size;
        public final long crc64;
        public final String sha256;
        /** Why this entry cannot be used (missing or malformed field), or null. */
        public final String problem;

        Entry(String bucket, String key, long size, long crc64, String sha256, String problem) {
            this.bucket = bucket;
            this.key = key;
            this.size = size;
            this.crc64 = crc64;
            this.sha256 = sha256;
            this.problem = problem;
        }
    }

    private final String run;
    private final Instant started;
    private final Instant finished;
    private final Instant runStarted;
    private final List<Entry> files;
    private List<String> missing = List.of();

    private StoredManifest(String run, Instant started, Instant finished, Instant runStarted, List<Entry> files) {
        this.run = run;
        this.started = started;
        this.finished = finished;
        this.runStarted = runStarted;
        this.files = Collections.unmodifiableList(files);
    }

    /** Parses a manifest's text; the failure names what is wrong, never quoting the content. */
    public static StoredManifest parse(String text) throws UnreadableJson {
        JSONObject json = object(text);
        if (!text(json, "format").startsWith(FORMAT)) {
            throw new UnreadableJson("no \"format\": \"" + FORMAT + "...\"");
        }
        JSONArray array = json.optJSONArray("files");
        if (array == null) {
            throw new UnreadableJson("no \"files\" list");
        }
        List<Entry> files = new ArrayList<>();
        for (int i = 0; i < array.length(); i++) {
            files.add(entry(array.optJSONObject(i)));
        }
        String run = text(json, "run");
        StoredManifest manifest = new StoredManifest(run.isEmpty() ? null : run, instant(json, "started"),
                instant(json, "finished"), instant(json, "runStarted"), files);
        if (Boolean.TRUE.equals(json.opt("preempted"))) {
            JSONArray missing = json.optJSONArray("missing");
            List<String> names = new ArrayList<>();
            for (int i = 0; missing != null && i < missing.length(); i++) {
                names.add(missing.optString(i, "?"));
            }
            manifest.missing = names.isEmpty() ? List.of("(not listed)") : Collections.unmodifiableList(names);
        }
        return manifest;
    }

    /** {@code "preempted": true}: the run's model files were verified before the machine went, not all its files. */
    public boolean preempted() {
        return !missing.isEmpty();
    }

    /** For a preempted run, the objects planned and not verified ({@code bucket/key}); else empty. */
    public List<String> missing() {
        return missing;
    }

    /** A JSON object from the bucket; the failure never quotes the text. */
    static JSONObject object(String text) throws UnreadableJson {
        try {
            return new JSONObject(text);
        } catch (JSONException | RuntimeException e) {
            throw new UnreadableJson("not a JSON object");
        }
    }

    /** A string field, trimmed; empty when absent, null or not a string. */
    static String text(JSONObject json, String name) {
        Object value = json.opt(name);
        return value instanceof String ? ((String) value).trim() : "";
    }

    private static Entry entry(JSONObject file) {
        if (file == null) {
            return new Entry("", "", -1, 0, "", "the entry is not a JSON object");
        }
        String bucket = text(file, "bucket");
        String key = file.opt("key") instanceof String ? (String) file.opt("key") : "";
        String sha256 = text(file, "sha256").toLowerCase(java.util.Locale.ROOT);
        long size = file.opt("size") instanceof Number ? file.optLong("size", -1) : -1;
        long crc64 = 0;
        String problem = null;
        try {
            crc64 = Long.parseUnsignedLong(text(file, "crc64"));
        } catch (NumberFormatException e) {
            problem = "its \"crc64\" is not an unsigned 64-bit decimal";
        }
        if (bucket.isEmpty() || key.isEmpty()) {
            problem = "it names no bucket or no key";
        } else if (bucket.length() > 63 || key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 1023) {
            problem = "its bucket or key is longer than OSS allows (63 characters, 1,023 bytes)"; // no such object
        } else if (size < 0) {
            problem = "its \"size\" is not a number of bytes";
        } else if (!sha256.matches("[0-9a-f]{64}")) {
            problem = "its \"sha256\" is not 64 hex digits";
        }
        return new Entry(bucket, key, size, crc64, sha256, problem);
    }

    private static Instant instant(JSONObject json, String name) {
        try {
            String value = text(json, name);
            return value.isEmpty() ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The {@code "run"} field; null in manifests written before runs had ids. */
    public String run() { return run; }
    /** Null when absent or not an ISO instant. */
    public Instant started() { return started; }
    public Instant finished() { return finished; }
    /** When the run began, as its last manifest's writer knew it; null in older manifests. */
    public Instant runStarted() { return runStarted; }
    public List<Entry> files() { return files; }

    /** Bytes of all well-formed entries. */
    public long bytes() {
        long bytes = 0;
        for (Entry file : files) {
            bytes += Math.max(0, file.size);
        }
        return bytes;
    }
}
