package dev.ossagent.localoss;

import com.sun.net.httpserver.HttpExchange;

import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** One parsed OSS request: addressing (bucket, key), sub-resources and headers. */
final class OssRequest {
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");

    final HttpExchange exchange;
    final String method;
    final String requestId;
    /** Null for service-level requests (ListBuckets). */
    final String bucket;
    /** Decoded object key; null for bucket-level requests. */
    final String key;
    /** Decoded query parameters in arrival order; a null value means the name had no '='. */
    final Map<String, String> params;

    private OssRequest(HttpExchange exchange, String requestId, String bucket, String key, Map<String, String> params) {
        this.exchange = exchange;
        this.method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        this.requestId = requestId;
        this.bucket = bucket;
        this.key = key;
        this.params = Collections.unmodifiableMap(params);
    }

    static OssRequest parse(HttpExchange ex, Set<String> knownBuckets, String requestId) {
        String rawPath = ex.getRequestURI().getRawPath();
        if (rawPath == null || rawPath.isEmpty()) {
            rawPath = "/";
        }
        Map<String, String> params = parseQuery(ex.getRequestURI().getRawQuery());
        String hostBucket = bucketFromHost(ex.getRequestHeaders().getFirst("Host"), knownBuckets);
        String bucket;
        String rest;
        if (hostBucket != null) {
            bucket = hostBucket;
            rest = rawPath.substring(1);
        } else {
            String p = rawPath.substring(1);
            int slash = p.indexOf('/');
            bucket = slash < 0 ? p : p.substring(0, slash);
            rest = slash < 0 ? "" : p.substring(slash + 1);
            bucket = bucket.isEmpty() ? null : UrlCodec.decode(bucket, false);
        }
        String key = rest.isEmpty() ? null : UrlCodec.decode(rest, false);
        if (bucket != null && !BUCKET_NAME.matcher(bucket).matches()) {
            throw new OssError(400, "InvalidBucketName", "The specified bucket is not valid.");
        }
        return new OssRequest(ex, requestId, bucket, key, params);
    }

    /** Virtual-host style: the first label of Host names the bucket (bucket.127.0.0.1, bucket.localhost). */
    private static String bucketFromHost(String host, Set<String> knownBuckets) {
        if (host == null) {
            return null;
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            return null; // IPv6 literal: never virtual-host style
        }
        int colon = h.lastIndexOf(':');
        if (colon >= 0) {
            h = h.substring(0, colon);
        }
        int dot = h.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        String first = h.substring(0, dot);
        String restOfHost = h.substring(dot + 1);
        if (knownBuckets.contains(first) || restOfHost.equals("localhost") || restOfHost.equals("127.0.0.1")) {
            return first;
        }
        return null;
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = UrlCodec.decode(eq < 0 ? part : part.substring(0, eq), true);
            String value = eq < 0 ? null : UrlCodec.decode(part.substring(eq + 1), true);
            params.put(name, value);
        }
        return params;
    }

    boolean has(String param) {
        return params.containsKey(param);
    }

    String param(String name) {
        return params.get(name);
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** All request headers with lower-case names, first value each (what the signers see). */
    Map<String, String> lowerCaseHeaders() {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : exchange.getRequestHeaders().entrySet()) {
            if (e.getKey() != null && !e.getValue().isEmpty()) {
                out.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue().get(0));
            }
        }
        return out;
    }

    /** Content-Length, or -1 when absent (chunked bodies). */
    long contentLength() {
        String v = header("Content-Length");
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw invalid("Content-Length is not a number.");
        }
    }

    InputStream body() {
        return exchange.getRequestBody();
    }

    /** The resource path as the SDK signs it: /bucket/key, /bucket/ or /. */
    String resourcePath() {
        return "/" + (bucket != null ? bucket + "/" : "") + (key != null ? key : "");
    }

    String describe() {
        String q = exchange.getRequestURI().getRawQuery();
        return method + " " + exchange.getRequestURI().getRawPath() + (q != null ? "?" + q : "");
    }

    private static OssError invalid(String message) {
        return OssError.invalidArgument(message);
    }
}
