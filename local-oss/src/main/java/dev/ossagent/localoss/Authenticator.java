package dev.ossagent.localoss;

import java.util.Map;

/**
 * Checks every request against the configured key pairs. Error messages name the key id at most,
 * never a secret, because test logs end up in CI output.
 */
final class Authenticator {
    private final Map<String, String> secretsById;

    Authenticator(Map<String, String> secretsById) {
        this.secretsById = Map.copyOf(secretsById);
    }

    void verify(OssRequest req) {
        String auth = req.header("Authorization");
        if (auth == null || auth.isBlank()) {
            throw OssError.accessDenied("Anonymous access is not allowed: the request carries no Authorization header.");
        }
        auth = auth.trim();
        if (auth.startsWith(SignatureV4.ALGORITHM)) {
            verifyV4(req, auth);
        } else if (auth.startsWith(SignatureV1.PREFIX)) {
            verifyV1(req, auth);
        } else {
            throw OssError.accessDenied("Authorization header is not an OSS V1 or V4 signature.");
        }
    }

    private void verifyV1(OssRequest req, String auth) {
        String[] idAndSig = SignatureV1.parse(auth);
        if (idAndSig == null) {
            throw OssError.accessDenied("Malformed OSS Authorization header.");
        }
        String secret = secretFor(idAndSig[0]);
        String expected = SignatureV1.sign(secret, SignatureV1.canonicalString(req));
        if (!Hmac.same(expected, idAndSig[1])) {
            throw signatureMismatch();
        }
    }

    private void verifyV4(OssRequest req, String auth) {
        SignatureV4.Parsed parsed = SignatureV4.parse(auth);
        if (parsed == null) {
            throw OssError.accessDenied("Malformed OSS4-HMAC-SHA256 Authorization header.");
        }
        String secret = secretFor(parsed.accessKeyId);
        String dateTime = req.header("x-oss-date");
        if (dateTime == null || !dateTime.startsWith(parsed.date)) {
            throw OssError.accessDenied("x-oss-date is missing or does not match the credential scope date.");
        }
        String canonical = SignatureV4.canonicalRequest(req, parsed);
        String expected = SignatureV4.sign(secret, parsed, SignatureV4.stringToSign(dateTime.trim(), parsed, canonical));
        if (!Hmac.same(expected, parsed.signature.toLowerCase(java.util.Locale.ROOT))) {
            throw signatureMismatch();
        }
    }

    private String secretFor(String accessKeyId) {
        String secret = secretsById.get(accessKeyId);
        if (secret == null) {
            throw new OssError(403, "InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records.");
        }
        return secret;
    }

    private static OssError signatureMismatch() {
        return new OssError(403, "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. "
                        + "Check your key and signing method.");
    }
}
