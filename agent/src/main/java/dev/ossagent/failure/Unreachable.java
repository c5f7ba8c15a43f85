package dev.ossagent.failure;

import com.aliyun.oss.ClientException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Why the endpoint could not be reached, in words, from the SDK's ClientException: never its message,
 * which can echo request details. Shared by the agent's and the command line's failure lines.
 */
public final class Unreachable {
    /** A socket (read) timeout: the connection was made, so it is the server (or what is in between) that is silent. */
    public static final String ACCEPTED_NO_ANSWER = "socket timeout: the server accepted the connection but did not"
            + " answer in time";

    private Unreachable() {
    }

    /** A read timeout, not a connect timeout: the JDK says "Read timed out" (connects say "Connect timed out"). */
    static boolean readTimeout(Throwable timeout) {
        String message = timeout.getMessage() == null ? "" : timeout.getMessage().toLowerCase(Locale.ROOT);
        return !message.contains("connect");
    }

    /** "connection refused", "unknown host (DNS lookup failed)", ...; null when it is another kind of failure. */
    public static String why(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return "unknown host (DNS lookup failed)";
            }
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
            if (cause instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (cause.getClass().getSimpleName().equals("ConnectTimeoutException")) {
                return "timed out connecting";
            }
            if (cause instanceof SocketTimeoutException) {
                return readTimeout(cause) ? ACCEPTED_NO_ANSWER : "timed out connecting";
            }
            if (cause instanceof SSLException) {
                return notTls(cause) ? "TLS handshake failed: the server does not speak TLS there (is it an http://"
                        + " endpoint?)" : "TLS handshake failed (" + cause.getClass().getSimpleName() + ")";
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        String code = e instanceof ClientException && ((ClientException) e).getErrorCode() != null
                ? ((ClientException) e).getErrorCode() : "";
        switch (code) {
            case "UnknownHost": return "unknown host (DNS lookup failed)";
            case "ConnectionRefused": return "connection refused";
            case "ConnectionTimeout": return "timed out connecting";
            case "SocketTimeout": return ACCEPTED_NO_ANSWER;
            case "SslException": return "TLS handshake failed";
            case "SocketException": return "connection failed";
            default: return null;
        }
    }

    /**
     * True when retrying cannot help: the name does not resolve, or TLS cannot be set up with that
     * endpoint. A refused or timed-out connection may come back; these are the settings.
     */
    public static boolean permanent(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                // The resolver's own "try again" (EAI_AGAIN) is a hiccup; "not known" is the endpoint setting.
                String message = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
                return !message.contains("temporary failure");
            }
            if (cause instanceof SSLHandshakeException || (cause instanceof SSLException && notTls(cause))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * True when nothing there answered at all: refused, unknown host, no route, no TLS. From an endpoint that
     * never answered in this JVM that is most likely the setting, and is not worth nine tries.
     */
    public static boolean noAnswer(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException || cause instanceof ConnectException
                    || cause instanceof NoRouteToHostException || cause instanceof SSLException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        String code = e instanceof ClientException && ((ClientException) e).getErrorCode() != null
                ? ((ClientException) e).getErrorCode() : "";
        return code.equals("UnknownHost") || code.equals("ConnectionRefused") || code.equals("SslException");
    }

    /** A TLS failure: a setting (wrong scheme, wrong trust), never an outage. */
    public static boolean tls(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return e instanceof ClientException && "SslException".equals(((ClientException) e).getErrorCode());
    }

    /** https:// to a plain-http port: the JDK's words for it, in every version since 8. */
    private static boolean notTls(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return message.contains("unrecognized ssl message") || message.contains("plaintext connection");
    }
}
