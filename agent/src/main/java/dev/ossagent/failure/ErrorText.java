package dev.ossagent.failure;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.InconsistentException;
import com.aliyun.oss.OSSException;

/** A failure in a few words for a log line. */
public final class ErrorText {
    private ErrorText() {
    }

    /** Error code or kind of I/O failure; never the SDK's message, which can echo request details. */
    public static String of(Throwable e) {
        if (e instanceof InconsistentException) {
            return "CRC64 of what arrived differs from what was sent";
        }
        if (e instanceof OSSException) {
            return ((OSSException) e).getErrorCode();
        }
        if (e instanceof ClientException) {
            String code = ((ClientException) e).getErrorCode();
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if ("SocketTimeout".equals(code) || (root instanceof java.net.SocketTimeoutException
                    && Unreachable.readTimeout(root))) {
                return "SocketTimeout: the server accepted the connection but did not answer";
            }
            return (code == null ? "client error" : code)
                    + (root != e ? ": " + root.getClass().getSimpleName() : "");
        }
        return e.getClass().getSimpleName();
    }
}
