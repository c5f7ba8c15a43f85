package dev.ossagent.failure;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.InconsistentException;
import com.aliyun.oss.OSSException;
import dev.ossagent.config.SettingNames;
import dev.ossagent.config.Settings;
import dev.ossagent.credentials.ResolvedCredentials;

/**
 * Explains a failed upload in one line naming what is at fault, and whether to stop the session. Only
 * error codes, masked ids, names and our own words go into the line: never an SDK message or a secret.
 */
public final class UploadFailure {
    private final String message;
    private final boolean stopsSession;
    private final int headLength;
    private boolean keyMayLackIt;

    private UploadFailure(String message, boolean stopsSession) {
        this.message = message;
        this.stopsSession = stopsSession;
        int head = message.indexOf(" failed: ");
        this.headLength = head < 0 ? 0 : head + " failed: ".length();
    }

    /** @param action what failed, e.g. "upload of /data/a.pt to bucket/models/a.pt" */
    public static UploadFailure of(RuntimeException e, String action, String bucket, ResolvedCredentials credentials,
                            Settings settings) {
        String endpoint = settings.endpoint().url();
        String key = "id " + credentials.credentials().maskedId() + " from " + credentials.source();
        String head = action + " failed: ";
        boolean stops = ErrorKind.of(e).stopsSession();
        String unreachable = Unreachable.why(e);
        if (unreachable != null) {
            // Retries are used up: the next file would only spend its own on the same dead end.
            return new UploadFailure(head + "cannot reach " + endpoint + ": " + unreachable + "; check "
                    + SettingNames.ENDPOINT + " and the network", true);
        }
        if (e instanceof OSSException) {
            String code = ((OSSException) e).getErrorCode();
            String rejected = KeyRejected.explain(code, key, endpoint);
            if (rejected != null) {
                return new UploadFailure(head + rejected, stops);
            }
            switch (code == null ? "" : code) {
                case "AccessDenied":
                case "AccessForbidden":
                    String region = WrongRegion.explain((OSSException) e, bucket, settings.endpoint());
                    if (region != null) {
                        return new UploadFailure(head + region, stops);
                    }
                    UploadFailure denied = new UploadFailure(head + "access denied (" + code + ") for " + key
                            + " on bucket " + bucket + "; grant it oss:PutObject (then resume), or use another bucket"
                            + " (then resume --retarget)", stops);
                    denied.keyMayLackIt = true;
                    return denied;
                case "NoSuchBucket":
                    return new UploadFailure(head + "bucket " + bucket + " does not exist at " + endpoint
                            + " (NoSuchBucket); create it in the console in region " + settings.endpoint().region()
                            + " (then resume), or fix " + bucketSetting(bucket, settings) + " (then resume --retarget)", stops);
                case "InvalidBucketName":
                    return new UploadFailure(head + "OSS rejects the bucket name " + bucket
                            + " (InvalidBucketName); fix the bucket setting", stops);
                default:
                    return new UploadFailure(head + code + " from " + endpoint + " (request "
                            + ((OSSException) e).getRequestId() + ")", stops);
            }
        }
        if (e instanceof InconsistentException) {
            return new UploadFailure(head + "what arrived kept differing from what was sent (CRC64)", stops);
        }
        if (e instanceof ClientException) {
            return new UploadFailure(head + "could not talk to " + endpoint + " (" + ErrorText.of(e) + ")", stops);
        }
        if (e instanceof LocalFileGone || e instanceof NotVerified || e instanceof java.io.UncheckedIOException) {
            return new UploadFailure(head + e.getMessage(), stops);
        }
        return new UploadFailure(head + e, stops);
    }

    /** The setting that named the bucket, for the advice. */
    private static String bucketSetting(String bucket, Settings settings) {
        return bucket.equals(settings.dataBucket()) && !bucket.equals(settings.modelBucket())
                ? SettingNames.DATA_BUCKET : SettingNames.MODEL_BUCKET;
    }

    public String message() {
        return message;
    }

    /** The message without its "... failed: " head: the cause and the fix first. */
    public String reason() {
        return message.substring(headLength);
    }

    /** AccessDenied for a reason other than the region: a least-privilege key may lack a read permission. */
    public boolean accessDenied() {
        return keyMayLackIt;
    }

    public boolean stopsSession() {
        return stopsSession;
    }
}
