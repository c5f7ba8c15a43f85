package dev.ossagent.credentials;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Alibaba Cloud's credential services on loopback, for unit tests: STS (AssumeRoleWithOIDC, AssumeRole), the
 * ECS metadata service (IMDSv2) and a credentials URI. Each issue is numbered, so a test can tell a renewal.
 */
final class FakeCloud implements AutoCloseable {
    static final String STS_SECRET_MARK = "sts-secret-never-print-";
    static final String TOKEN_MARK = "sts-token-never-print-";

    private final HttpServer server;
    final AtomicInteger issued = new AtomicInteger();
    final List<Map<String, String>> stsCalls = new CopyOnWriteArrayList<>();
    final List<String> imdsRequests = new CopyOnWriteArrayList<>();
    volatile long lifetimeSeconds = 3600;
    volatile String stsErrorCode;
    volatile String ecsRole = "oss-writer";
    volatile boolean imdsTokens = true;
    volatile String uriCode = "Success";

    FakeCloud() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/sts", this::sts);
        server.createContext("/latest", this::imds);
        server.createContext("/uri", this::uri);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private String credentialsJson(String code) {
        int n = issued.incrementAndGet();
        return "{" + (code == null ? "" : "\"Code\":\"" + code + "\",") + "\"AccessKeyId\":\"STS.TESTISSUED" + n
                + "\",\"AccessKeySecret\":\"" + STS_SECRET_MARK + n + "\",\"SecurityToken\":\"" + TOKEN_MARK + n
                + "\",\"Expiration\":\"" + Instant.now().plusSeconds(lifetimeSeconds).truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS) + "\"}";
    }

    private void sts(HttpExchange exchange) throws IOException {
        Map<String, String> form = new HashMap<>();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        stsCalls.add(form);
        if (stsErrorCode != null) {
            send(exchange, 400, "{\"RequestId\":\"1\",\"Code\":\"" + stsErrorCode + "\",\"Message\":\"refused "
                    + form.getOrDefault("OIDCToken", "") + "\"}");
            return;
        }
        if ("AssumeRole".equals(form.get("Action"))) {
            Map<String, String> unsigned = new java.util.TreeMap<>(form);
            String signature = unsigned.remove("Signature");
            String expected = StsClient.signature(unsigned, secretOf(form.get("AccessKeyId")));
            if (!expected.equals(signature)) {
                send(exchange, 400, "{\"Code\":\"SignatureDoesNotMatch\"}");
                return;
            }
        }
        send(exchange, 200, "{\"RequestId\":\"1\",\"Credentials\":" + credentialsJson(null) + "}");
    }

    /** Keys AssumeRole accepts: made-up ones the tests use, and what this fake issued. */
    private static String secretOf(String id) {
        if (id != null && id.startsWith("STS.TESTISSUED")) {
            return STS_SECRET_MARK + id.substring("STS.TESTISSUED".length());
        }
        return TestFiles.SECRET;
    }

    private void imds(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        imdsRequests.add(exchange.getRequestMethod() + " " + path);
        if (path.equals("/latest/api/token")) {
            if (imdsTokens && exchange.getRequestMethod().equals("PUT")) {
                send(exchange, 200, "imds-session-token");
            } else {
                send(exchange, 403, "");
            }
            return;
        }
        if (imdsTokens && !"imds-session-token".equals(exchange.getRequestHeaders().getFirst("X-aliyun-ecs-metadata-token"))) {
            send(exchange, 401, "");
            return;
        }
        String roles = "/latest/meta-data/ram/security-credentials/";
        if (ecsRole == null || !path.startsWith(roles)) {
            send(exchange, 404, "");
        } else if (path.equals(roles)) {
            send(exchange, 200, ecsRole);
        } else if (path.equals(roles + ecsRole)) {
            send(exchange, 200, credentialsJson("Success"));
        } else {
            send(exchange, 404, "");
        }
    }

    private void uri(HttpExchange exchange) throws IOException {
        send(exchange, 200, credentialsJson(uriCode));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
