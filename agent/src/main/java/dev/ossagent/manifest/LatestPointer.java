package dev.ossagent.manifest;

import org.codehaus.jettison.json.JSONObject;

/**
 * The object {@code ossagent.latest} names: {@code {"format": "oss-agent-latest/1", "run", "bucket", "prefix",
 * "manifest", "started", "finished"}}, pointing at the newest complete run's manifest.
 */
public final class LatestPointer {
    public static final String FORMAT = "oss-agent-latest/1";

    private final String run;
    private final String bucket;
    private final String manifest;

    private LatestPointer(String run, String bucket, String manifest) {
        this.run = run;
        this.bucket = bucket;
        this.manifest = manifest;
    }

    public static LatestPointer parse(String text) throws UnreadableJson {
        JSONObject json = StoredManifest.object(text);
        if (!FORMAT.equals(json.optString("format", ""))) {
            throw new UnreadableJson("no \"format\": \"" + FORMAT + "\"");
        }
        String bucket = json.optString("bucket", "").trim();
        String manifest = json.optString("manifest", "").trim();
        if (bucket.isEmpty() || manifest.isEmpty()) {
            throw new UnreadableJson("no \"bucket\" or no \"manifest\"");
        }
        return new LatestPointer(json.optString("run", "").trim(), bucket, manifest);
    }

    /** May be empty. */
    public String run() { return run; }
    public String bucket() { return bucket; }
    /** The manifest's object key. */
    public String manifest() { return manifest; }
}
