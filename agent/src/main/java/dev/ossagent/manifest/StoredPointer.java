package dev.ossagent.manifest;

import org.codehaus.jettison.json.JSONObject;

/**
 * The object {@code ossagent.latest} names, as read back from the bucket: {@code {"format": "oss-agent-latest/1",
 * "run", "bucket", "prefix", "manifest", "started", "finished"}}, pointing at the newest complete run's manifest.
 */
public final class StoredPointer {
    private final String run;
    private final String bucket;
    private final String manifest;

    private StoredPointer(String run, String bucket, String manifest) {
        this.run = run;
        this.bucket = bucket;
        this.manifest = manifest;
    }

    public static StoredPointer parse(String text) throws UnreadableJson {
        JSONObject json = StoredManifest.object(text);
        if (!LatestPointer.FORMAT.equals(json.optString("format", ""))) {
            throw new UnreadableJson("no \"format\": \"" + LatestPointer.FORMAT + "\"");
        }
        String bucket = StoredManifest.text(json, "bucket");
        String manifest = StoredManifest.text(json, "manifest");
        if (bucket.isEmpty() || manifest.isEmpty()) {
            throw new UnreadableJson("no \"bucket\" or no \"manifest\"");
        }
        return new StoredPointer(StoredManifest.text(json, "run"), bucket, manifest);
    }

    /** May be empty. */
    public String run() { return run; }
    public String bucket() { return bucket; }
    /** The manifest's object key. */
    public String manifest() { return manifest; }
}
