package dev.ossagent.localoss;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * OSS signature V1: base64(HMAC-SHA1(secret, VERB\nContent-MD5\nContent-Type\nDate\n
 * CanonicalizedOSSHeaders CanonicalizedResource)). Rules follow SignUtils.buildCanonicalString
 * of aliyun-sdk-oss; only the sub-resources the SDK lists take part in the resource.
 */
final class SignatureV1 {
    static final String PREFIX = "OSS ";

    /** SignParameters.SIGNED_PARAMTERS of the SDK, by value. */
    private static final Set<String> SIGNED_PARAMETERS = new HashSet<>(Arrays.asList(
            "acl", "uploads", "location", "cors", "logging", "website", "referer", "lifecycle", "delete", "append",
            "tagging", "objectMeta", "uploadId", "partNumber", "security-token", "position",
            "response-cache-control", "response-content-disposition", "response-content-encoding",
            "response-content-language", "response-content-type", "response-expires",
            "img", "style", "styleName", "replication", "replicationProgress", "replicationLocation", "cname",
            "bucketInfo", "comp", "qos", "live", "status", "vod", "startTime", "endTime", "x-oss-process",
            "processConfiguration", "symlink", "stat", "udf", "udfName", "udfImage", "udfImageDesc",
            "udfApplication", "udfApplicationLog", "restore", "versions", "versioning", "versionId", "encryption",
            "policy", "requestPayment", "x-oss-traffic-limit", "qosInfo", "asyncFetch", "sequential",
            "x-oss-request-payer", "vpcip", "vip", "inventory", "inventoryId", "continuation-token", "worm",
            "wormId", "wormExtend", "callback", "callback-var", "x-oss-dir", "x-oss-rename", "x-oss-delete",
            "transferAcceleration", "x-oss-ac-source-ip", "x-oss-ac-subnet-mask", "x-oss-ac-vpc-id",
            "x-oss-ac-forward-allow", "metaQuery", "resourceGroup", "regionList", "x-oss-async-process",
            "x-oss-write-get-object-response", "bucketArchiveDirectRead", "httpsConfig", "publicAccessBlock",
            "policyStatus", "redundancyTransition", "x-oss-target-redundancy-type",
            "x-oss-redundancy-transition-taskid", "accessPoint", "accessPointPolicy", "seal"));

    private SignatureV1() {
    }

    /** "OSS id:signature" -> {id, signature}, or null when malformed. */
    static String[] parse(String authorization) {
        String rest = authorization.substring(PREFIX.length()).trim();
        int colon = rest.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        return new String[] {rest.substring(0, colon), rest.substring(colon + 1)};
    }

    static String canonicalString(OssRequest req) {
        Map<String, String> headers = req.lowerCaseHeaders();
        TreeMap<String, String> toSign = new TreeMap<>();
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String k = h.getKey();
            if (k.equals("content-type") || k.equals("content-md5") || k.equals("date") || k.startsWith("x-oss-")) {
                toSign.put(k, h.getValue().trim());
            }
        }
        toSign.putIfAbsent("content-type", "");
        toSign.putIfAbsent("content-md5", "");
        StringBuilder sb = new StringBuilder(req.method).append('\n');
        for (Map.Entry<String, String> e : toSign.entrySet()) {
            if (e.getKey().startsWith("x-oss-")) {
                sb.append(e.getKey()).append(':');
            }
            sb.append(e.getValue()).append('\n');
        }
        sb.append(req.resourcePath());
        char sep = '?';
        for (Map.Entry<String, String> p : new TreeMap<>(req.params).entrySet()) {
            if (!SIGNED_PARAMETERS.contains(p.getKey())) {
                continue;
            }
            sb.append(sep).append(p.getKey());
            if (p.getValue() != null) {
                sb.append('=').append(p.getValue());
            }
            sep = '&';
        }
        return sb.toString();
    }

    static String sign(String secret, String canonical) {
        byte[] mac = Hmac.compute("HmacSHA1", secret.getBytes(StandardCharsets.UTF_8),
                canonical.getBytes(StandardCharsets.UTF_8));
        return java.util.Base64.getEncoder().encodeToString(mac);
    }
}
