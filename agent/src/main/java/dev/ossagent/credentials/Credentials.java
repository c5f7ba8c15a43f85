package dev.ossagent.credentials;

import dev.ossagent.log.Masking;

import java.time.Instant;

/**
 * An access key pair, optionally with an STS security token. Immutable. {@link #toString()} shows
 * only the masked id, so a credentials object can be logged or put in a message by mistake
 * without leaking the secret.
 */
public final class Credentials {
    private final String accessKeyId;
    private final String accessKeySecret;
    private final String securityToken;
    private final Instant expiration;

    /**
     * @param securityToken null or empty when the key is a long-term key
     * @throws IllegalArgumentException when the id or the secret is null or empty (the message
     *                                  never contains either value)
     */
    public Credentials(String accessKeyId, String accessKeySecret, String securityToken) {
        this(accessKeyId, accessKeySecret, securityToken, null);
    }

    /** @param expiration when temporary credentials stop working, or null when unknown or never */
    public Credentials(String accessKeyId, String accessKeySecret, String securityToken, Instant expiration) {
        if (accessKeyId == null || accessKeyId.isEmpty()) {
            throw new IllegalArgumentException("access key id is empty");
        }
        if (accessKeySecret == null || accessKeySecret.isEmpty()) {
            throw new IllegalArgumentException("access key secret is empty");
        }
        this.accessKeyId = accessKeyId;
        this.accessKeySecret = accessKeySecret;
        this.securityToken = securityToken == null || securityToken.isEmpty() ? null : securityToken;
        this.expiration = expiration;
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public String accessKeySecret() {
        return accessKeySecret;
    }

    /** The STS token, or null for a long-term key. */
    public String securityToken() {
        return securityToken;
    }

    /** When temporary credentials expire, or null when unknown or never. */
    public Instant expiration() {
        return expiration;
    }

    public String maskedId() {
        return Masking.id(accessKeyId);
    }

    @Override
    public String toString() {
        return "Credentials[id " + maskedId() + (securityToken == null ? "" : ", with security token")
                + (expiration == null ? "" : ", expires " + expiration) + "]";
    }
}
