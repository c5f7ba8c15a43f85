package dev.ossagent.localoss.sts;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An Alibaba Cloud RPC-style (POP) request: parameters from the query and from a form body, and its
 * signature V1.0 as Alibaba's SDKs make it: Base64(HMAC-SHA1(secret + "&",
 * METHOD + "&%2F&" + percentEncode(sorted percentEncoded k=v pairs joined by "&"))), Signature excluded.
 */
final class RpcRequest {
    final String method;
    /** Sorted by name, decoded. */
    final Map<String, String> params = new TreeMap<>();

    private RpcRequest(String method) {
        this.method = method;
    }

    static RpcRequest read(HttpExchange ex) throws IOException {
        RpcRequest r = new RpcRequest(ex.getRequestMethod());
        r.addAll(ex.getRequestURI().getRawQuery());
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        byte[] body = ex.getRequestBody().readAllBytes();
        if (type != null && type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            r.addAll(new String(body, StandardCharsets.UTF_8));
        }
        return r;
    }

    private void addAll(String form) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
    }

    String get(String name) {
        return params.get(name);
    }

    /** The signature the caller should have sent, made with {@code secret}. */
    String expectedSignature(String secret) {
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (!p.getKey().equals("Signature")) {
                query.append('&').append(percentEncode(p.getKey())).append('=').append(percentEncode(p.getValue()));
            }
        }
        String toSign = method + "&" + percentEncode("/") + "&" + percentEncode(query.substring(1));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    static String percentEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
