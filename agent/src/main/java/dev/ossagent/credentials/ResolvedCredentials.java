package dev.ossagent.credentials;

import java.util.Objects;

/** Credentials plus the tier that supplied them, so the log can say where the key came from. */
public final class ResolvedCredentials {
    private final Credentials credentials;
    private final String source;

    public ResolvedCredentials(Credentials credentials, String source) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.source = Objects.requireNonNull(source, "source");
    }

    public Credentials credentials() {
        return credentials;
    }

    /** Human text naming the tier, e.g. {@code AccessKey.csv (/home/me/AccessKey.csv)}. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source + ", id " + credentials.maskedId();
    }
}
