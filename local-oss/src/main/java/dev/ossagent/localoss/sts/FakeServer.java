package dev.ossagent.localoss.sts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP(S) server under each fake: 127.0.0.1 only, counts every request, logs nothing (answers carry
 * secrets). Paths are read from the request URI, so a client that reaches a fake as an HTTP proxy (absolute
 * URI, e.g. {@code -Dhttp.proxyHost} for a library that hard-codes 100.100.100.200) is served too.
 */
final class FakeServer implements AutoCloseable {
    /** Answers one request; the exchange is closed afterwards. */
    interface Handler {
        void handle(HttpExchange ex) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong requests = new AtomicLong();
    private final String scheme;

    FakeServer(String name, int port, LoopbackTls tls, Handler handler) {
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            if (tls != null) {
                HttpsServer https = HttpsServer.create(address, 0);
                https.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
                server = https;
                scheme = "https";
            } else {
                server = HttpServer.create(address, 0);
                scheme = "http";
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name + " could not start", e);
        }
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        HttpHandler counted = ex -> {
            requests.incrementAndGet();
            try (ex) {
                handler.handle(ex);
            } catch (RuntimeException e) {
                json(ex, 500, new Json().put("Code", "InternalError").put("Message", e.getClass().getSimpleName()));
            }
        };
        server.createContext("/", counted);
    }

    /** Bound since construction; answers from now on (so that no request meets a half-built fake). */
    void start() {
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** "http://127.0.0.1:PORT" or "https://127.0.0.1:PORT". */
    String endpoint() {
        return scheme + "://127.0.0.1:" + port();
    }

    long requestCount() {
        return requests.get();
    }

    static void json(HttpExchange ex, int status, Json body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        send(ex, status, body.bytes());
    }

    static void text(HttpExchange ex, int status, String body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/plain;charset=utf-8");
        send(ex, status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getRequestBody().readAllBytes();
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
