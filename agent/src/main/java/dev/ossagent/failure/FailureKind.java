package dev.ossagent.failure;

import com.aliyun.oss.OSSException;
import java.util.Locale;

/**
 * A failure's kind as the events file and JMX name it: stable lowercase words a pipeline can match on
 * ({@code transient}, {@code auth-or-config}, {@code permanent}, {@code local-file-gone}, {@code object-exists},
 * {@code not-verified}, ...), and OSS's own error code when there is one. Never the message: that may name
 * things a dashboard should not hold.
 */
public final class FailureKind {
    private FailureKind() {
    }

    public static String of(Throwable failure) {
        if (failure instanceof LocalFileGone) {
            return "local-file-gone";
        }
        if (failure instanceof ObjectExists) {
            return "object-exists";
        }
        if (failure instanceof NotVerified) {
            return "not-verified";
        }
        return ErrorKind.of(failure).name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** OSS's error code (e.g. {@code NoSuchBucket}), or null. */
    public static String code(Throwable failure) {
        return failure instanceof OSSException ? ((OSSException) failure).getErrorCode() : null;
    }
}
