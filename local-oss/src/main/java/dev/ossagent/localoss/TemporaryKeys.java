package dev.ossagent.localoss;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Temporary (STS) key pairs, as OSS treats them: an id is accepted only with its {@code x-oss-security-token}
 * and only until its expiry. Thread-safe: fakes register keys while requests are being checked.
 */
final class TemporaryKeys {
    private record Key(String secret, String securityToken, long expiresAtMillis) {
    }

    private final Map<String, Key> byId = new ConcurrentHashMap<>();

    void add(String accessKeyId, String accessKeySecret, String securityToken, long expiresAtMillis) {
        byId.put(accessKeyId, new Key(accessKeySecret, securityToken, expiresAtMillis));
    }

    /**
     * The secret of a temporary id presented with {@code securityToken}, checked in the order OSS checks: an
     * unknown id or a missing token (the id alone is no known key), a token that is not the id's, then expiry.
     */
    String secretFor(String accessKeyId, String securityToken) {
        Key key = byId.get(accessKeyId);
        if (key == null || securityToken == null || securityToken.isEmpty()) {
            throw OssError.invalidAccessKeyId();
        }
        if (!Hmac.same(key.securityToken, securityToken.trim())) {
            throw OssError.invalidSecurityToken();
        }
        if (System.currentTimeMillis() >= key.expiresAtMillis) {
            throw new OssError(403, "SecurityTokenExpired", "The security token you provided has expired.");
        }
        return key.secret;
    }
}
