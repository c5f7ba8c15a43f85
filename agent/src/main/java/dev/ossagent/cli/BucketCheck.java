package dev.ossagent.cli;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.AbortMultipartUploadRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.ObjectMetadata;
import dev.ossagent.config.Endpoint;
import dev.ossagent.config.SettingNames;
import dev.ossagent.config.Settings;
import dev.ossagent.log.AgentLog;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code test} for one bucket: where it is (GetBucketInfo) and whether this key may write under
 * the prefix (a small probe object, written then deleted). Prints a few report lines.
 */
final class BucketCheck {
    private static final byte[] PROBE = "oss-agent test: written and deleted by java -jar oss-agent.jar test\n"
            .getBytes(StandardCharsets.UTF_8);

    private final OSS client;
    private final Settings settings;
    private final OssFailures failures;
    private final PrintStream out;

    BucketCheck(OSS client, Settings settings, OssFailures failures, PrintStream out) {
        this.client = client;
        this.settings = settings;
        this.failures = failures;
        this.out = out;
    }

    /** Null when the bucket is usable; otherwise the failure (not yet reported). */
    CliException run(String label, String bucket, String prefix, String bucketSetting) {
        out.println(label + " bucket: " + bucket);
        out.println("  endpoint:  " + settings.endpoint().url());
        out.println("  prefix:    " + (prefix.isEmpty() ? "(none)" : prefix));
        try {
            String location = client.getBucketInfo(bucket).getBucket().getLocation();
            out.println("  location:  " + location);
            CliException mismatch = regionMismatch(bucket, location);
            if (mismatch != null) {
                return mismatch;
            }
        } catch (OSSException e) {
            if (!"AccessDenied".equals(e.getErrorCode()) || mentionsEndpoint(e)) {
                out.println("  location:  unknown");
                return failures.explain(e, "GetBucketInfo on bucket " + bucket, bucket, bucketSetting);
            }
            out.println("  location:  unknown (this key may not call GetBucketInfo; the write check decides)");
        } catch (ClientException e) {
            out.println("  location:  unknown");
            return failures.explain(e, "GetBucketInfo on bucket " + bucket, bucket, bucketSetting);
        }
        return probeWrite(bucket, prefix, bucketSetting);
    }

    private CliException probeWrite(String bucket, String prefix, String bucketSetting) {
        String key = prefix + ".oss-agent-test-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            ObjectMetadata metadata = new ObjectMetadata();
            metadata.setContentLength(PROBE.length);
            client.putObject(bucket, key, new ByteArrayInputStream(PROBE), metadata);
        } catch (RuntimeException e) {
            out.println("  write:     no");
            return failures.explain(e, "test write of " + bucket + "/" + key, bucket, bucketSetting);
        }
        out.println("  may:       " + actions(bucket, prefix, key));
        try {
            client.deleteObject(bucket, key);
            out.println("  write:     yes (wrote and deleted " + key + ")");
        } catch (RuntimeException e) {
            out.println("  write:     yes (wrote " + key + ")");
            AgentLog.warn("could not delete the test object " + bucket + "/" + key + " ("
                    + (e instanceof OSSException ? ((OSSException) e).getErrorCode() : e.getClass().getSimpleName())
                    + "); the key may write but not delete, which is all uploads need; delete it in the console");
        }
        return null;
    }

    /**
     * Which of list, head, put and multipart this key may do under the prefix (put: the probe just written). A key
     * limited to put and multipart uploads fine; without list and head, skip-unchanged sends every file.
     */
    private String actions(String bucket, String prefix, String probeKey) {
        ListObjectsV2Request listing = new ListObjectsV2Request(bucket, prefix);
        listing.setMaxKeys(1);
        String list = allowed(() -> client.listObjectsV2(listing));
        String head = allowed(() -> client.headObject(bucket, probeKey));
        String multipart = allowed(() -> {
            String uploadId = client.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket,
                    probeKey + ".multipart")).getUploadId();
            client.abortMultipartUpload(new AbortMultipartUploadRequest(bucket, probeKey + ".multipart", uploadId));
            return null;
        });
        return "list " + list + ", head " + head + ", put yes, multipart " + multipart;
    }

    private static String allowed(java.util.function.Supplier<?> request) {
        try {
            request.get();
            return "yes";
        } catch (OSSException e) {
            return "AccessDenied".equals(e.getErrorCode()) || "NotImplemented".equals(e.getErrorCode())
                    ? "no (" + e.getErrorCode() + ")" : "unknown (" + e.getErrorCode() + ")";
        } catch (RuntimeException e) {
            return "unknown (" + e.getClass().getSimpleName() + ")";
        }
    }

    private static boolean mentionsEndpoint(OSSException e) {
        return e.getErrorMessage() != null && e.getErrorMessage().toLowerCase(Locale.ROOT).contains("endpoint");
    }

    /** The bucket's location against the region we sign for and the endpoint we call. */
    private CliException regionMismatch(String bucket, String location) {
        Endpoint endpoint = settings.endpoint();
        boolean aliyunHost = endpoint.host().endsWith(".aliyuncs.com");
        if (location == null || location.isEmpty() || (settings.signatureV1() && !aliyunHost)) {
            return null;
        }
        String bucketRegion = location.startsWith("oss-") ? location.substring(4) : location;
        if (bucketRegion.equals(endpoint.region())) {
            return null;
        }
        String fix = aliyunHost
                ? SettingNames.ENDPOINT + "=" + "oss-" + bucketRegion
                        + (endpoint.host().contains("-internal.") ? "-internal" : "") + ".aliyuncs.com"
                        + " (and " + SettingNames.REGION + "=" + bucketRegion + " if you set it)"
                : SettingNames.REGION + "=" + bucketRegion;
        return new CliException(ExitCodes.WRONG_REGION, "bucket " + bucket + " is in region " + bucketRegion
                + " (" + location + ") but " + endpoint.url() + " is used with region " + endpoint.region()
                + "; set " + fix);
    }
}
