package dev.ossagent.localoss.sts;

import dev.ossagent.localoss.LocalOss;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Makes temporary key pairs that live a set number of seconds and tells a {@link LocalOss} to accept each one
 * (with its token, until its expiry). Every fake has one; its lifetime can be changed while it runs.
 */
public final class CredentialIssuer {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LocalOss oss;
    private final List<TemporaryCredentials> issued = new CopyOnWriteArrayList<>();
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
        return issued.size();
    }

    /** Everything issued so far, oldest first: for tests that check no secret or token reached any output. */
    public List<TemporaryCredentials> issued() {
        return List.copyOf(issued);
    }

    /** A new pair; the expiry is whole seconds (as the JSON answers carry it, and the same for OSS). */
    synchronized TemporaryCredentials issue() {
        int n = issued.size() + 1;
        // Rounded up, so that credentials live at least the lifetime: a client refuses ones already expired.
        Instant expiration = Instant.now().plusSeconds(lifetimeSeconds).plusMillis(999).truncatedTo(ChronoUnit.SECONDS);
        TemporaryCredentials c = new TemporaryCredentials("STS.LOCAL" + n + random(6).replaceAll("[^A-Za-z0-9]", ""),
                random(30), "CAIS" + random(120), expiration);
        issued.add(c);
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
