package dev.ossagent.localoss;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** A multipart upload begun and neither completed nor aborted, with the user metadata it was initiated with. */
public final class IncompleteUpload {
    public final String bucket;
    public final String key;
    public final String uploadId;
    public final long initiatedMillis;
    /** {@code x-oss-meta-*} of the InitiateMultipartUpload, names without the prefix, lower case. */
    public final Map<String, String> userMeta;

    IncompleteUpload(String bucket, String key, String uploadId, long initiatedMillis, Map<String, String> userMeta) {
        this.bucket = bucket;
        this.key = key;
        this.uploadId = uploadId;
        this.initiatedMillis = initiatedMillis;
        this.userMeta = Collections.unmodifiableMap(new TreeMap<>(userMeta));
    }

    @Override
    public String toString() {
        return bucket + "/" + key + " " + uploadId + " " + userMeta;
    }
}
