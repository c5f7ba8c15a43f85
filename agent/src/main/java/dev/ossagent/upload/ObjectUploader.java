package dev.ossagent.upload;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.PutObjectRequest;
import dev.ossagent.log.AgentLog;

/** Sends one file as one object and reports it: bucket/key, size, seconds, MB/s. */
final class ObjectUploader {
    private final OSS client;

    ObjectUploader(OSS client) {
        this.client = client;
    }

    void upload(PlannedFile file) {
        long start = System.nanoTime();
        // The SDK streams the file and checks the CRC64 the server returns against what it sent.
        client.putObject(new PutObjectRequest(file.bucket(), file.key(), file.path().toFile()));
        double seconds = (System.nanoTime() - start) / 1e9;
        AgentLog.info(String.format(java.util.Locale.ROOT, "uploaded %s (%s, %.2f s, %s)", file.objectName(),
                Sizes.human(file.size()), seconds, Sizes.rate(file.size(), seconds)));
    }
}
