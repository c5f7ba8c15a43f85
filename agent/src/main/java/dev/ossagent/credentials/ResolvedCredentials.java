package dev.ossagent.credentials;

import java.util.Objects;

/** Credentials plus the tier that supplied them, so the log can say where the key came from. */
public final class ResolvedCredentials {
    private final RenewingCredentials renewing;
    private final String source;

    public ResolvedCredentials(Credentials credentials, String source) {
        this(RenewingCredentials.fixed(credentials), source);
    }

    ResolvedCredentials(RenewingCredentials renewing, String source) {
        this.renewing = Objects.requireNonNull(renewing, "renewing");
        this.source = Objects.requireNonNull(source, "source");
    }

    /** The current credentials; temporary ones are renewed ahead of their expiry. */
    public Credentials credentials() {
        return renewing.current();
    }

    public RenewingCredentials renewing() {
        return renewing;
    }

    /** Human text naming the tier, e.g. {@code AccessKey.csv (/home/me/AccessKey.csv)}. */
    public String source() {
        return source;
    }

    /** For the log: the tier, the masked id and, for temporary credentials, when they expire. */
    public String describe() {
        Credentials current = credentials();
        return source + ", id " + current.maskedId()
                + (current.expiration() == null ? "" : ", expires " + current.expiration());
    }

    @Override
    public String toString() {
        return source + ", id " + credentials().maskedId();
    }
}
