package dev.ossagent.transfer;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.OSSObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A small JSON object the agent wrote before (a manifest, the LATEST pointer), read back: its user metadata and text. */
final class SmallObject {
    /** More than any manifest's or pointer's start, where their {@code "started"} field is. */
    private static final int MAX_READ = 64 * 1024;

    final Map<String, String> userMetadata;
    final String text;

    private SmallObject(Map<String, String> userMetadata, String text) {
        this.userMetadata = userMetadata;
        this.text = text;
    }

    /**
     * Null when there is no such object, or when this key may not read it: the manifest and LATEST are then written
     * with PutObject alone, without comparing with the ones there (said once).
     */
    static SmallObject get(OSS client, Retrier retrier, String bucket, String key) {
        if (ReadRefusals.known("get")) {
            return null;
        }
        try {
            return read(client, retrier, bucket, key);
        } catch (RuntimeException e) {
            if (!ReadRefusals.refused(e)) {
                throw e;
            }
            ReadRefusals.note("get", "read objects (GetObject)", e, "the manifest and LATEST are written without"
                    + " reading the ones already there, so an older plan may replace a newer one's");
            return null;
        }
    }

    private static SmallObject read(OSS client, Retrier retrier, String bucket, String key) {
        return retrier.call("GET " + bucket + "/" + key, () -> {
            try (OSSObject existing = client.getObject(bucket, key); InputStream in = existing.getObjectContent()) {
                return new SmallObject(existing.getObjectMetadata().getUserMetadata(),
                        new String(in.readNBytes(MAX_READ), StandardCharsets.UTF_8));
            } catch (OSSException e) {
                if ("NoSuchKey".equals(e.getErrorCode())) {
                    return null;
                }
                throw e;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + bucket + "/" + key, e);
            }
        });
    }
}
