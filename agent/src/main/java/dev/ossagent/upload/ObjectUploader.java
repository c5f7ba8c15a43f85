package dev.ossagent.upload;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.PutObjectRequest;
import dev.ossagent.log.AgentLog;

/** Sends one file as one object and reports it: bucket/key, size, seconds, MB/s. */
public final class ObjectUploader {
    private final OSS client;

    public ObjectUploader(OSS client) {
        this.client = client;
    }

    void upload(PlannedFile file) {
        upload(file, null);
    }

    /** As the agent uploads; {@code listener} (may be null) sees the bytes as they go, for a progress bar. */
    public void upload(PlannedFile file, com.aliyun.oss.event.ProgressListener listener) {
        long start = System.nanoTime();
        PutObjectRequest request = new PutObjectRequest(file.bucket(), file.key(), file.path().toFile());
        if (listener != null) {
            request.setProgressListener(listener);
        }
        // The SDK streams the file and checks the CRC64 the server returns against what it sent.
        client.putObject(request);
        double seconds = (System.nanoTime() - start) / 1e9;
        AgentLog.info(String.format(java.util.Locale.ROOT, "uploaded %s (%s, %.2f s, %s)", file.objectName(),
                Sizes.human(file.size()), seconds, Sizes.rate(file.size(), seconds)));
    }
}
