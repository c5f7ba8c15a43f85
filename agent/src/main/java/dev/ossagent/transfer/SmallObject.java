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

    /** Null when there is no such object. */
    static SmallObject get(OSS client, Retrier retrier, String bucket, String key) {
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
