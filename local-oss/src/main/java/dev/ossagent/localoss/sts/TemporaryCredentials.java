package dev.ossagent.localoss.sts;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** One temporary key pair as the fakes issue it; {@link #toString()} shows no secret and no token. */
public final class TemporaryCredentials {
    /** How Alibaba's STS, ECS metadata and credentials URIs spell Expiration: UTC, whole seconds. */
    static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    public final String accessKeyId;
    public final String accessKeySecret;
    public final String securityToken;
    public final Instant expiration;

    TemporaryCredentials(String accessKeyId, String accessKeySecret, String securityToken, Instant expiration) {
        this.accessKeyId = accessKeyId;
        this.accessKeySecret = accessKeySecret;
        this.securityToken = securityToken;
        this.expiration = expiration;
    }

    String expirationText() {
        return EXPIRATION.format(expiration);
    }

    @Override
    public String toString() {
        return "TemporaryCredentials[id ..." + accessKeyId.substring(Math.max(0, accessKeyId.length() - 4))
                + ", expires " + expirationText() + "]";
    }
}
