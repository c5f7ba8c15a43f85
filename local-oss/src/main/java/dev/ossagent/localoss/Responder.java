package dev.ossagent.localoss;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;

/** Writes responses with the headers every OSS answer carries, and remembers the status for the log. */
final class Responder {
    private final HttpExchange ex;
    private final String requestId;
    private final boolean head;
    private final java.util.function.IntConsumer onStatus;
    private int status;

    /** @param onStatus told the status just before it goes out, so logs are complete when clients see answers */
    Responder(HttpExchange ex, String requestId, java.util.function.IntConsumer onStatus) {
        this.ex = ex;
        this.onStatus = onStatus;
        this.requestId = requestId;
        this.head = "HEAD".equalsIgnoreCase(ex.getRequestMethod());
        header("x-oss-request-id", requestId);
        header("Server", "AliyunOSS");
        header("Date", HttpDates.rfc1123(System.currentTimeMillis()));
    }

    private void status(int code) {
        status = code;
        onStatus.accept(code);
    }

    int status() {
        return status;
    }

    boolean sent() {
        return status != 0;
    }

    Responder header(String name, String value) {
        ex.getResponseHeaders().set(name, value);
        return this;
    }

    void xml(int code, Xml xml) throws IOException {
        header("Content-Type", "application/xml");
        bytes(code, xml.bytes());
    }

    void empty(int code) throws IOException {
        status(code);
        if (head) {
            header("Content-Length", "0");
        }
        ex.sendResponseHeaders(code, -1);
        ex.close();
    }

    /** HEAD answers carry the object's Content-Length but no body. */
    void headers(int code, long contentLength) throws IOException {
        status(code);
        header("Content-Length", Long.toString(contentLength));
        ex.sendResponseHeaders(code, -1);
        ex.close();
    }

    /** Starts a fixed-length body; the caller writes exactly {@code length} bytes and closes. */
    OutputStream stream(int code, long length) throws IOException {
        status(code);
        if (length == 0) {
            ex.sendResponseHeaders(code, -1);
            return OutputStream.nullOutputStream();
        }
        ex.sendResponseHeaders(code, length);
        return ex.getResponseBody();
    }

    void error(OssError e, String hostId) throws IOException {
        Xml xml = new Xml().open("Error")
                .elem("Code", e.code)
                .elem("Message", e.getMessage())
                .elem("RequestId", requestId)
                .elem("HostId", hostId);
        if (e.endpoint != null) {
            xml.elem("Endpoint", e.endpoint);
        }
        e.fields.forEach(xml::elem);
        xml.close("Error");
        header("Content-Type", "application/xml");
        header("x-oss-ec", ecFor(e.code));
        if (head) {
            // HEAD has no body; the SDK reads the error from this header instead.
            header("x-oss-err", Base64.getEncoder().encodeToString(xml.bytes()));
            headers(e.status, 0);
        } else {
            bytes(e.status, xml.bytes());
        }
    }

    private void bytes(int code, byte[] body) throws IOException {
        if (head) {
            headers(code, body.length);
            return;
        }
        status(code);
        ex.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** A stable made-up "EC" code per error, the way OSS adds one to every error. */
    private static String ecFor(String code) {
        return String.format("0000-%08X", code.hashCode());
    }
}
