package dev.ossagent.localoss;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * OSS signature V4 (OSS4-HMAC-SHA256), following OSSV4Signer of aliyun-sdk-oss 3.18.5:
 * canonical request -> string to sign -> HMAC-SHA256 chain "aliyun_v4"+secret / date / region / product /
 * "aliyun_v4_request". The region and product come from the client's credential scope, whatever they are.
 */
final class SignatureV4 {
    static final String ALGORITHM = "OSS4-HMAC-SHA256";
    private static final String TERMINATOR = "aliyun_v4_request";

    /** The parsed Authorization header. */
    static final class Parsed {
        String accessKeyId;
        String date;
        String region;
        String product;
        Set<String> additionalHeaders = new TreeSet<>();
        String signature;

        String scope() {
            return date + "/" + region + "/" + product + "/" + TERMINATOR;
        }
    }

    private SignatureV4() {
    }

    /** Returns null when the header is not a well-formed V4 authorization. */
    static Parsed parse(String authorization) {
        Parsed p = new Parsed();
        for (String part : authorization.substring(ALGORITHM.length()).trim().split(",")) {
            String item = part.trim();
            int eq = item.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = item.substring(0, eq).trim();
            String value = item.substring(eq + 1).trim();
            if (name.equals("Credential")) {
                String[] c = value.split("/");
                if (c.length != 5 || !c[4].equals(TERMINATOR)) {
                    return null;
                }
                p.accessKeyId = c[0];
                p.date = c[1];
                p.region = c[2];
                p.product = c[3];
            } else if (name.equals("AdditionalHeaders")) {
                for (String h : value.split(";")) {
                    if (!h.isBlank()) {
                        p.additionalHeaders.add(h.trim().toLowerCase(java.util.Locale.ROOT));
                    }
                }
            } else if (name.equals("Signature")) {
                p.signature = value;
            }
        }
        return p.accessKeyId == null || p.signature == null ? null : p;
    }

    static String canonicalRequest(OssRequest req, Parsed auth) {
        StringBuilder sb = new StringBuilder();
        sb.append(req.method).append('\n');
        sb.append(UrlCodec.encode(req.resourcePath(), true)).append('\n');

        TreeMap<String, String> query = new TreeMap<>();
        for (Map.Entry<String, String> p : req.params.entrySet()) {
            String v = p.getValue() == null ? "" : UrlCodec.encode(p.getValue().trim(), false);
            query.put(UrlCodec.encode(p.getKey().trim(), false), v);
        }
        String sep = "";
        for (Map.Entry<String, String> q : query.entrySet()) {
            sb.append(sep).append(q.getKey());
            if (!q.getValue().isEmpty()) {
                sb.append('=').append(q.getValue());
            }
            sep = "&";
        }
        sb.append('\n');

        Map<String, String> headers = req.lowerCaseHeaders();
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String k = h.getKey();
            if (k.equals("content-type") || k.equals("content-md5") || k.startsWith("x-oss-")
                    || auth.additionalHeaders.contains(k)) {
                sb.append(k).append(':').append(h.getValue().trim()).append('\n');
            }
        }
        sb.append('\n');
        sb.append(String.join(";", auth.additionalHeaders)).append('\n');
        String payload = headers.get("x-oss-content-sha256");
        sb.append(payload == null || payload.isEmpty() ? "UNSIGNED-PAYLOAD" : payload);
        return sb.toString();
    }

    static String stringToSign(String dateTime, Parsed auth, String canonicalRequest) {
        return ALGORITHM + "\n" + dateTime + "\n" + auth.scope() + "\n"
                + Hmac.hex(Hmac.sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    }

    static String sign(String secret, Parsed auth, String stringToSign) {
        byte[] key = ("aliyun_v4" + secret).getBytes(StandardCharsets.UTF_8);
        for (String step : Arrays.asList(auth.date, auth.region, auth.product, TERMINATOR)) {
            key = Hmac.compute("HmacSHA256", key, step.getBytes(StandardCharsets.UTF_8));
        }
        return Hmac.hex(Hmac.compute("HmacSHA256", key, stringToSign.getBytes(StandardCharsets.UTF_8)));
    }
}
