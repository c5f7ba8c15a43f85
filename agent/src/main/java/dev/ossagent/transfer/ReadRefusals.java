package dev.ossagent.transfer;

import com.aliyun.oss.OSSException;
import dev.ossagent.log.AgentLog;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Least-privilege keys: a training job's RAM policy often allows PutObject and the multipart actions on a prefix
 * and nothing else. A listing, HEAD, GET or ListParts refused (AccessDenied, or a server that does not implement it)
 * is not a failure of the upload: it is not retried, what it was for degrades, and that is said once per JVM.
 */
final class ReadRefusals {
    /** Actions refused in this JVM: each is not asked again, and said once. */
    private static final Set<String> REFUSED = ConcurrentHashMap.newKeySet();

    private ReadRefusals() {
    }

    /** Whether {@code e} is OSS refusing the request itself (not the key, the bucket or the network). */
    static boolean refused(RuntimeException e) {
        if (!(e instanceof OSSException)) {
            return false;
        }
        String code = ((OSSException) e).getErrorCode();
        String message = ((OSSException) e).getErrorMessage();
        boolean wrongEndpoint = message != null && message.toLowerCase(java.util.Locale.ROOT).contains("endpoint");
        return ("AccessDenied".equals(code) && !wrongEndpoint) || "NotImplemented".equals(code)
                || "MethodNotAllowed".equals(code);
    }

    /**
     * Records that {@code action} was refused and says once per JVM what follows from it.
     *
     * @param action short name: list, head, get, listparts
     * @param what   the request in words, e.g. "list objects (ListObjectsV2)"
     */
    static void note(String action, String what, RuntimeException e, String consequence) {
        if (REFUSED.add(action)) {
            AgentLog.info("this key may not " + what + " (" + ((OSSException) e).getErrorCode() + "); "
                    + consequence + " (said once)");
        }
    }

    /** Whether {@code action} was refused before in this JVM: not asked again. */
    static boolean known(String action) {
        return REFUSED.contains(action);
    }
}
