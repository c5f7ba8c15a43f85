package dev.ossagent.failure;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.InconsistentException;
import com.aliyun.oss.OSSException;
import java.io.FileNotFoundException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** What a failure means for the request that met it: retry, correct the clock and retry, or stop. */
public enum ErrorKind {
    /** Timeouts, resets, refused connections, 5xx, RequestTimeout, a CRC mismatch: retry with backoff. */
    TRANSIENT,
    /** RequestTimeTooSkewed: the SDK has taken the server's time; retry at once. */
    CLOCK_SKEW,
    /**
     * Wrong key, no permission, no such bucket, a host name that does not resolve, no TLS at an https://
     * endpoint: every further request would fail alike.
     */
    AUTH_OR_CONFIG,
    /** The multipart upload no longer exists on the server (aborted, expired): start a new one. */
    NO_SUCH_UPLOAD,
    /** The local file is gone. */
    LOCAL_FILE,
    /** Anything else the server refused (bad argument, bad key name): retrying cannot help. */
    PERMANENT;

    private static final Set<String> AUTH_CODES = new HashSet<>(Arrays.asList("InvalidAccessKeyId",
            "SignatureDoesNotMatch", "AccessDenied", "AccessForbidden", "NoSuchBucket", "InvalidBucketName",
            "InvalidSecurityToken", "SecurityTokenExpired"));
    private static final Set<String> TRANSIENT_CODES = new HashSet<>(Arrays.asList("InternalError",
            "ServiceUnavailable", "RequestTimeout", "IncompleteBody", "InvalidDigest", "InvalidResponse",
            "SlowDown", "QpsLimitExceeded", "ServerBusy"));

    public static ErrorKind of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NoSuchFileException || cause instanceof FileNotFoundException) {
                return LOCAL_FILE;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        if (failure instanceof InconsistentException) {
            return TRANSIENT;
        }
        if (failure instanceof OSSException) {
            return ofCode((OSSException) failure);
        }
        if (failure instanceof ClientException && Unreachable.permanent(failure)) {
            return AUTH_OR_CONFIG;
        }
        if (failure instanceof ClientException) {
            // I/O between us and the server: connect, read, write, pool timeouts, resets, TLS hiccups.
            return TRANSIENT;
        }
        return PERMANENT;
    }

    private static ErrorKind ofCode(OSSException e) {
        String code = e.getErrorCode() == null ? "" : e.getErrorCode();
        if (AUTH_CODES.contains(code)) {
            return AUTH_OR_CONFIG;
        }
        if (code.equals("RequestTimeTooSkewed")) {
            return CLOCK_SKEW;
        }
        if (code.equals("NoSuchUpload")) {
            return NO_SUCH_UPLOAD;
        }
        if (TRANSIENT_CODES.contains(code)) {
            return TRANSIENT;
        }
        // A body-less answer: the SDK names only the status ("... http status code 502").
        String message = e.getErrorMessage() == null ? "" : e.getErrorMessage().toLowerCase(Locale.ROOT);
        if (code.equals("Unknown") && message.matches(".*status code 5[0-9][0-9].*")) {
            return TRANSIENT;
        }
        return PERMANENT;
    }

    /** Auth and bucket problems end the whole session: the next file would meet the same answer. */
    public boolean stopsSession() {
        return this == AUTH_OR_CONFIG;
    }
}
