package dev.ossagent.localoss;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A deliberately dumb HTTP/1.1 client on a raw socket, so tests control what the SDK never sends:
 * a virtual-host Host header, chunked bodies, Expect: 100-continue, broken signatures.
 */
final class RawHttp {
    final int port;
    final Map<String, String> headers = new LinkedHashMap<>();
    String method = "GET";
    String path = "/";
    byte[] body;
    boolean chunked;
    boolean expectContinue;

    /** The parsed answer. */
    static final class Response {
        int status;
        final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byte[] body = new byte[0];

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    RawHttp(int port) {
        this.port = port;
        headers.put("Host", "127.0.0.1:" + port);
        headers.put("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
    }

    RawHttp request(String method, String path) {
        this.method = method;
        this.path = path;
        return this;
    }

    RawHttp header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** OSS V1 signature over the given canonical resource (which the caller spells decoded). */
    RawHttp signV1(String id, String secret, String resource) throws Exception {
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        StringBuilder sb = new StringBuilder(method).append('\n')
                .append(lower.getOrDefault("content-md5", "")).append('\n')
                .append(lower.getOrDefault("content-type", "")).append('\n')
                .append(lower.getOrDefault("date", "")).append('\n');
        lower.forEach((k, v) -> {
            if (k.startsWith("x-oss-")) {
                sb.append(k).append(':').append(v).append('\n');
            }
        });
        sb.append(resource);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String sig = Base64.getEncoder().encodeToString(mac.doFinal(sb.toString().getBytes(StandardCharsets.UTF_8)));
        headers.put("Authorization", "OSS " + id + ":" + sig);
        return this;
    }

    /**
     * OSS V4 signature (no additional headers, no query) over the caller's headers as they are: the caller sets
     * x-oss-date and x-oss-content-sha256, so tests can send values the SDK never would.
     */
    RawHttp signV4(String id, String secret, String resource, String region) throws Exception {
        String dateTime = headers.get("x-oss-date");
        String day = dateTime.substring(0, 8);
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v.trim()));
        StringBuilder canonical = new StringBuilder(method).append('\n').append(resource).append("\n\n");
        lower.forEach((k, v) -> {
            if (k.equals("content-type") || k.equals("content-md5") || k.startsWith("x-oss-")) {
                canonical.append(k).append(':').append(v).append('\n');
            }
        });
        canonical.append("\n\n").append(lower.getOrDefault("x-oss-content-sha256", "UNSIGNED-PAYLOAD"));
        String scope = day + "/" + region + "/oss/aliyun_v4_request";
        String toSign = "OSS4-HMAC-SHA256\n" + dateTime + "\n" + scope + "\n" + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = ("aliyun_v4" + secret).getBytes(StandardCharsets.UTF_8);
        for (String step : new String[] {day, region, "oss", "aliyun_v4_request", toSign}) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            key = mac.doFinal(step.getBytes(StandardCharsets.UTF_8));
        }
        headers.put("Authorization", "OSS4-HMAC-SHA256 Credential=" + id + "/" + scope
                + ",Signature=" + HexFormat.of().formatHex(key));
        return this;
    }

    Response send() throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            if (body != null) {
                if (chunked) {
                    head.append("Transfer-Encoding: chunked\r\n");
                } else {
                    head.append("Content-Length: ").append(body.length).append("\r\n");
                }
                if (expectContinue) {
                    head.append("Expect: 100-continue\r\n");
                }
            }
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("Connection: close\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (body != null) {
                if (expectContinue) {
                    Response interim = readHead(in);
                    if (interim.status != 100) {
                        return readBody(in, interim);
                    }
                }
                if (chunked) {
                    for (int off = 0; off < body.length; off += 1000) {
                        int n = Math.min(1000, body.length - off);
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body, off, n);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } else {
                    out.write(body);
                }
                out.flush();
            }
            return readBody(in, readHead(in));
        }
    }

    private static Response readHead(InputStream in) throws IOException {
        Response r = new Response();
        String status = line(in);
        r.status = Integer.parseInt(status.split(" ")[1]);
        String l;
        while (!(l = line(in)).isEmpty()) {
            int c = l.indexOf(':');
            r.headers.put(l.substring(0, c).trim(), l.substring(c + 1).trim());
        }
        return r;
    }

    private Response readBody(InputStream in, Response r) throws IOException {
        String len = r.headers.get("Content-Length");
        if (method.equals("HEAD") || len == null) {
            return r;
        }
        r.body = in.readNBytes(Integer.parseInt(len));
        return r;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
