package dev.ossagent.localoss;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request/response on a {@link MiniHttpServer} connection. It keeps the familiar HttpExchange API,
 * but writes header names the way OSS does (lower-case x-oss-*): the SDK finds user metadata with a
 * case-sensitive "x-oss-meta-" match, and the JDK server would send "X-oss-meta-...".
 */
final class MiniExchange extends HttpExchange {
    private static final Map<String, String> SPELLING = Map.of("etag", "ETag", "content-md5", "Content-MD5");

    private final String method;
    private final URI uri;
    private final String protocol;
    private final Headers requestHeaders;
    private final InputStream body;
    private final OutputStream connectionOut;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final Headers responseHeaders = new Headers();
    private final Map<String, Object> attributes = new HashMap<>();
    private int status = -1;
    private BodyStreams.FixedOut responseBody;
    private boolean dropRequested;
    private boolean closed;

    MiniExchange(String method, URI uri, String protocol, Headers requestHeaders, InputStream body,
                 OutputStream connectionOut, InetSocketAddress local, InetSocketAddress remote) {
        this.method = method;
        this.uri = uri;
        this.protocol = protocol;
        this.requestHeaders = requestHeaders;
        this.body = body;
        this.connectionOut = connectionOut;
        this.local = local;
        this.remote = remote;
    }

    @Override
    public Headers getRequestHeaders() {
        return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return uri;
    }

    @Override
    public String getRequestMethod() {
        return method;
    }

    @Override
    public HttpContext getHttpContext() {
        return null;
    }

    /** Closing before the response started drops the connection, as with the JDK server. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (status < 0) {
            dropRequested = true;
            return;
        }
        try {
            if (responseBody != null) {
                responseBody.close();
            } else {
                connectionOut.flush();
            }
        } catch (IOException e) {
            dropRequested = true;
        }
    }

    @Override
    public InputStream getRequestBody() {
        return body;
    }

    @Override
    public OutputStream getResponseBody() {
        if (responseBody == null) {
            throw new IllegalStateException("sendResponseHeaders first, with a positive length");
        }
        return responseBody;
    }

    /** @param length body length; -1 for none. (Unknown lengths are not needed by OSS answers.) */
    @Override
    public void sendResponseHeaders(int code, long length) throws IOException {
        if (status >= 0) {
            throw new IOException("headers already sent");
        }
        if (length == 0) {
            throw new IllegalArgumentException("unknown-length responses are not supported");
        }
        status = code;
        boolean head = "HEAD".equals(method);
        if (length > 0 && !head) {
            responseHeaders.set("Content-Length", Long.toString(length));
        } else if (responseHeaders.getFirst("Content-Length") == null) {
            responseHeaders.set("Content-Length", "0");
        }
        StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(code).append(' ').append(reason(code)).append("\r\n");
        for (Map.Entry<String, List<String>> h : responseHeaders.entrySet()) {
            for (String v : h.getValue()) {
                sb.append(spell(h.getKey())).append(": ").append(v).append("\r\n");
            }
        }
        sb.append("\r\n");
        connectionOut.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        if (length > 0 && !head) {
            responseBody = new BodyStreams.FixedOut(connectionOut, length);
        } else {
            connectionOut.flush();
        }
    }

    static String spell(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("x-oss-")) {
            return lower;
        }
        String special = SPELLING.get(lower);
        if (special != null) {
            return special;
        }
        StringBuilder sb = new StringBuilder(lower.length());
        boolean up = true;
        for (char c : lower.toCharArray()) {
            sb.append(up ? Character.toUpperCase(c) : c);
            up = c == '-';
        }
        return sb.toString();
    }

    private static String reason(int code) {
        switch (code) {
            case 200: return "OK";
            case 204: return "No Content";
            case 206: return "Partial Content";
            case 400: return "Bad Request";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 409: return "Conflict";
            case 416: return "Requested Range Not Satisfiable";
            case 500: return "Internal Server Error";
            case 503: return "Service Unavailable";
            default: return "Status";
        }
    }

    /** True when the connection must not be reused: dropped on purpose, or a body left unfinished. */
    boolean mustCloseConnection() {
        return dropRequested || status < 0 || (responseBody != null && !responseBody.complete());
    }

    boolean dropRequested() {
        return dropRequested || status < 0;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return remote;
    }

    @Override
    public int getResponseCode() {
        return status;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return local;
    }

    @Override
    public String getProtocol() {
        return protocol;
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        attributes.put(name, value);
    }

    @Override
    public void setStreams(InputStream i, OutputStream o) {
        throw new UnsupportedOperationException();
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return null;
    }
}
