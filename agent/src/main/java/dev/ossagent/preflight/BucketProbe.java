package dev.ossagent.preflight;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import dev.ossagent.config.Settings;
import dev.ossagent.credentials.ResolvedCredentials;
import dev.ossagent.failure.UploadFailure;

/**
 * One read-only request per bucket, GetBucketInfo: it proves the endpoint answers, the key is known and
 * signs right, and the bucket exists where it is looked for. A key that may only put is refused it
 * (AccessDenied): that is "could not check", not a failure.
 */
final class BucketProbe {
    /** What one bucket's check found: exactly one of the three. */
    static final class Found {
        final String location;
        final String notChecked;
        final UploadFailure failure;

        private Found(String location, String notChecked, UploadFailure failure) {
            this.location = location;
            this.notChecked = notChecked;
            this.failure = failure;
        }
    }

    private final OSS client;
    private final Settings settings;
    private final ResolvedCredentials credentials;

    BucketProbe(OSS client, Settings settings, ResolvedCredentials credentials) {
        this.client = client;
        this.settings = settings;
        this.credentials = credentials;
    }

    Found check(String bucket) {
        try {
            String location = client.getBucketInfo(bucket).getBucket().getLocation();
            return new Found(location == null ? "" : location, null, null);
        } catch (RuntimeException e) {
            UploadFailure failure = UploadFailure.of(e, "GetBucketInfo on " + bucket, bucket, credentials, settings);
            if (e instanceof OSSException && failure.accessDenied()) {
                return new Found(null, "this key may not GetBucketInfo", null);
            }
            return new Found(null, null, failure);
        }
    }
}
