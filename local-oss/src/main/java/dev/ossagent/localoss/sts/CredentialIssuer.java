package dev.ossagent.localoss.sts;

import dev.ossagent.localoss.LocalOss;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes temporary key pairs that live a set number of seconds and tells a {@link LocalOss} to accept each one
 * (with its token, until its expiry). Every fake has one; its lifetime can be changed while it runs.
 */
public final class CredentialIssuer {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LocalOss oss;
    private final AtomicLong issued = new AtomicLong();
    private volatile int lifetimeSeconds;

    /** @param oss the server that is to accept what is issued; null issues credentials no server accepts */
    public CredentialIssuer(LocalOss oss, int lifetimeSeconds) {
        this.oss = oss;
        lifetimeSeconds(lifetimeSeconds);
    }

    /** Credentials issued from now on live this many seconds (at least 1). */
    public void lifetimeSeconds(int seconds) {
        if (seconds < 1) {
            throw new IllegalArgumentException("lifetime must be at least 1 second");
        }
        lifetimeSeconds = seconds;
    }

    public int lifetimeSeconds() {
        return lifetimeSeconds;
    }

    /** How many key pairs were issued so far. */
    public long issuedCount() {
        return issued.get();
    }

    /** A new pair; the expiry is whole seconds, as the JSON answers carry it, and the same for OSS. */
    TemporaryCredentials issue() {
        long n = issued.incrementAndGet();
        Instant expiration = Instant.now().plusSeconds(lifetimeSeconds).truncatedTo(ChronoUnit.SECONDS);
        TemporaryCredentials c = new TemporaryCredentials("STS.LOCAL" + n + random(6).replaceAll("[^A-Za-z0-9]", ""),
                random(30), "CAIS" + random(120), expiration);
        if (oss != null) {
            oss.acceptTemporary(c.accessKeyId, c.accessKeySecret, c.securityToken, expiration.toEpochMilli());
        }
        return c;
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
