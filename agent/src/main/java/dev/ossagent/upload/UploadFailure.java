package dev.ossagent.upload;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.OSSException;
import dev.ossagent.config.Settings;
import dev.ossagent.credentials.ResolvedCredentials;

/** Explains a failed upload in one line naming what is at fault, and whether to stop the session. */
final class UploadFailure {
    private final String message;
    private final boolean stopsSession;

    private UploadFailure(String message, boolean stopsSession) {
        this.message = message;
        this.stopsSession = stopsSession;
    }

    static UploadFailure of(RuntimeException e, PlannedFile file, ResolvedCredentials credentials, Settings settings) {
        String endpoint = settings.endpoint().url();
        String key = "id " + credentials.credentials().maskedId() + " from " + credentials.source();
        String upload = "upload of " + file.path() + " to " + file.objectName() + " failed: ";
        if (e instanceof OSSException) {
            String code = ((OSSException) e).getErrorCode();
            switch (code == null ? "" : code) {
                case "SignatureDoesNotMatch":
                    return stop(upload + "the access key secret for " + key + " was rejected by " + endpoint
                            + " (SignatureDoesNotMatch); check the secret");
                case "InvalidAccessKeyId":
                    return stop(upload + "the access key " + key + " is unknown to " + endpoint
                            + " (InvalidAccessKeyId); check the id");
                case "AccessDenied":
                    return stop(upload + "access denied (AccessDenied) for " + key + " on bucket " + file.bucket()
                            + "; grant it oss:PutObject");
                case "NoSuchBucket":
                    return stop(upload + "bucket " + file.bucket() + " does not exist at " + endpoint
                            + " (NoSuchBucket); create it in the console in region " + settings.endpoint().region()
                            + " or fix the bucket setting");
                default:
                    return new UploadFailure(upload + code + " from " + endpoint + " (request "
                            + ((OSSException) e).getRequestId() + ")", false);
            }
        }
        if (e instanceof ClientException) {
            String code = ((ClientException) e).getErrorCode();
            return new UploadFailure(upload + "could not talk to " + endpoint + " (" + code + ": "
                    + firstLine(((ClientException) e).getErrorMessage()) + ")", false);
        }
        return new UploadFailure(upload + e, false);
    }

    private static UploadFailure stop(String message) {
        return new UploadFailure(message, true);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "no detail";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    String message() {
        return message;
    }

    boolean stopsSession() {
        return stopsSession;
    }
}
