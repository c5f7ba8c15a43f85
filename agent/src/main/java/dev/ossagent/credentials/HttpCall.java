package dev.ossagent.credentials;

import dev.ossagent.log.ShownUrl;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One small HTTP exchange with the JDK's client: STS, the ECS metadata service, a credentials URI. */
final class HttpCall {
    /** Answers are small JSON documents or a role name; anything larger is not what was asked for. */
    private static final int MAX_BODY = 256 * 1024;

    /** Status and body of an answer. */
    static final class Answer {
        private final int status;
        private final String body;

        Answer(int status, String body) {
            this.status = status;
            this.body = body;
        }

        int status() {
            return status;
        }

        String body() {
            return body;
        }

        boolean ok() {
            return status == 200;
        }
    }

    private HttpCall() {
    }

    /** @param form null for no body */
    static Answer send(String method, String url, Map<String, String> headers, String form, int connectMillis,
                       int readMillis) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection(java.net.Proxy.NO_PROXY);
        try {
            connection.setRequestMethod(method);
            connection.setConnectTimeout(connectMillis);
            connection.setReadTimeout(readMillis);
            connection.setUseCaches(false);
            connection.setInstanceFollowRedirects(false);
            headers.forEach(connection::setRequestProperty);
            if (form != null) {
                byte[] body = form.getBytes(StandardCharsets.UTF_8);
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
                connection.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            return new Answer(status, in == null ? "" : read(in));
        } finally {
            connection.disconnect();
        }
    }

    private static String read(InputStream in) throws IOException {
        try (InputStream stream = in) {
            byte[] bytes = stream.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new TooLarge();
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** An answer over {@link #MAX_BODY}: credentials are a few KiB, so this is not a credentials service. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("its answer is larger than the limit of " + MAX_BODY / 1024 + " KiB, so it was not read");
        }
    }

    /** Why a call failed, for a message: the exception's kind, or what was over the limit. */
    static String why(Exception e) {
        return e instanceof TooLarge ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** The URL without its query: a query may hold a token, and a log line names only where it went. */
    static String shown(String url) {
        return ShownUrl.of(url);
    }
}
