package dev.ossagent.localoss;

import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks every request against the configured key pairs. Error messages name the key id at most,
 * never a secret, because test logs end up in CI output.
 */
final class Authenticator {
    /** The only payload hash OSS V4 accepts in header-signed requests (a real SHA-256 is refused too). */
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private final Map<String, String> secretsById;
    private final TemporaryKeys temporaryKeys;
    private final Map<String, AtomicLong> acceptedById = new ConcurrentHashMap<>();
    private final Set<String> readOnlyIds;
    /** Keys limited to some actions ({@link KeyActions}); keys not here may do everything. */
    private final Map<String, Set<String>> actionsById;
    /** When set, V4 requests to a bucket must be signed for this region (every bucket's, here). */
    private final String onlyRegion;

    Authenticator(Map<String, String> secretsById, TemporaryKeys temporaryKeys, Set<String> readOnlyIds,
                  String onlyRegion) {
        this(secretsById, temporaryKeys, readOnlyIds, Map.of(), onlyRegion);
    }

    Authenticator(Map<String, String> secretsById, TemporaryKeys temporaryKeys, Set<String> readOnlyIds,
                  Map<String, Set<String>> actionsById, String onlyRegion) {
        this.actionsById = Map.copyOf(actionsById);
        this.secretsById = Map.copyOf(secretsById);
        this.temporaryKeys = temporaryKeys;
        this.readOnlyIds = Set.copyOf(readOnlyIds);
        this.onlyRegion = onlyRegion;
    }

    void verify(OssRequest req) {
        String id = verifySignature(req);
        acceptedById.computeIfAbsent(id, k -> new AtomicLong()).incrementAndGet();
        if (readOnlyIds.contains(id) && !req.method.equals("GET") && !req.method.equals("HEAD")) {
            throw OssError.accessDenied("You have no right to access this object because of bucket acl.");
        }
        Set<String> allowed = actionsById.get(id);
        if (allowed != null && !allowed.contains(KeyActions.of(req))) {
            throw OssError.accessDenied("You are forbidden to " + KeyActions.of(req) + " (the key's policy allows "
                    + String.join(", ", new java.util.TreeSet<>(allowed)) + ").");
        }
    }

    /** How many requests signed by this id passed the signature check. */
    long acceptedRequests(String accessKeyId) {
        AtomicLong n = acceptedById.get(accessKeyId);
        return n == null ? 0 : n.get();
    }

    /** Checks the signature and returns the access key id that made it. */
    private String verifySignature(OssRequest req) {
        String auth = req.header("Authorization");
        if (auth == null || auth.isBlank()) {
            throw OssError.accessDenied("Anonymous access is not allowed: the request carries no Authorization header.");
        }
        auth = auth.trim();
        if (auth.startsWith(SignatureV4.ALGORITHM)) {
            return verifyV4(req, auth);
        } else if (auth.startsWith(SignatureV1.PREFIX)) {
            return verifyV1(req, auth);
        } else {
            throw OssError.accessDenied("Authorization header is not an OSS V1 or V4 signature.");
        }
    }

    private String verifyV1(OssRequest req, String auth) {
        String[] idAndSig = SignatureV1.parse(auth);
        if (idAndSig == null) {
            throw OssError.accessDenied("Malformed OSS Authorization header.");
        }
        // x-oss-date, when present, stands in for Date (which may then be empty); one of them must be a readable time.
        String ossDate = req.header("x-oss-date");
        if (ossDate != null) {
            RequestTime.check(ossDate, RequestTime.ISO_BASIC, DateTimeFormatter.RFC_1123_DATE_TIME);
        } else {
            RequestTime.check(req.header("Date"), DateTimeFormatter.RFC_1123_DATE_TIME);
        }
        String secret = secretFor(req, idAndSig[0]);
        String expected = SignatureV1.sign(secret, SignatureV1.canonicalString(req));
        if (!Hmac.same(expected, idAndSig[1])) {
            throw signatureMismatch();
        }
        return idAndSig[0];
    }

    private String verifyV4(OssRequest req, String auth) {
        SignatureV4.Parsed parsed = SignatureV4.parse(auth);
        if (parsed == null) {
            throw OssError.accessDenied("Malformed OSS4-HMAC-SHA256 Authorization header.");
        }
        if (onlyRegion != null && req.bucket != null && !onlyRegion.equals(parsed.region)) {
            // On OSS the request reached another region's endpoint, which sends the client to the right one.
            throw OssError.wrongEndpoint("oss-" + onlyRegion + ".aliyuncs.com");
        }
        String payloadHash = req.header("x-oss-content-sha256");
        if (payloadHash != null && !payloadHash.trim().equals(UNSIGNED_PAYLOAD)) {
            throw OssError.unsupportedPayloadHash(payloadHash.trim());
        }
        String secret = secretFor(req, parsed.accessKeyId);
        String dateTime = req.header("x-oss-date");
        RequestTime.check(dateTime, RequestTime.ISO_BASIC);
        if (!dateTime.trim().startsWith(parsed.date)) {
            throw OssError.accessDenied("x-oss-date does not match the credential scope date.");
        }
        String canonical = SignatureV4.canonicalRequest(req, parsed);
        String expected = SignatureV4.sign(secret, parsed, SignatureV4.stringToSign(dateTime.trim(), parsed, canonical));
        if (!Hmac.same(expected, parsed.signature.toLowerCase(java.util.Locale.ROOT))) {
            throw signatureMismatch();
        }
        return parsed.accessKeyId;
    }

    /** A long-term key takes no security token; a temporary one needs its own, until it expires. */
    private String secretFor(OssRequest req, String accessKeyId) {
        String token = req.header("x-oss-security-token");
        String secret = secretsById.get(accessKeyId);
        if (secret == null) {
            return temporaryKeys.secretFor(accessKeyId, token);
        }
        if (token != null) {
            throw OssError.invalidSecurityToken();
        }
        return secret;
    }

    private static OssError signatureMismatch() {
        return new OssError(403, "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. "
                        + "Check your key and signing method.");
    }
}
