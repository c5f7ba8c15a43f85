package dev.ossagent.credentials;

import dev.ossagent.log.AgentLog;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The credentials of one tier, renewed ahead of their expiry: once three quarters of their lifetime have
 * passed, the next request that asks fetches new ones; requests on other threads meanwhile keep signing with
 * the current ones, so uploads in flight never wait for STS. A failed renewal keeps the current credentials
 * (they are still valid) and is tried again a little later. Long-term keys are never renewed.
 */
public final class RenewingCredentials {
    /** Pause after a failed renewal before the next try, so a refusing STS is not asked once per part. */
    static final long RETRY_PAUSE_MILLIS = 5_000;

    private final CredentialFetcher fetcher;
    private final String tier;
    private final LongSupplier clock;
    private final ReentrantLock renewing = new ReentrantLock();
    private volatile Current current;
    private volatile long nextTry;
    private boolean absurdSaid;

    private static final class Current {
        final Credentials credentials;
        final long renewAt;
        /** When they were fetched, by {@link #clock}: their lifetime is from then to their expiry. */
        final long fetchedAt;

        Current(Credentials credentials, long renewAt, long fetchedAt) {
            this.credentials = credentials;
            this.renewAt = renewAt;
            this.fetchedAt = fetchedAt;
        }
    }

    private RenewingCredentials(CredentialFetcher fetcher, String tier, LongSupplier clock, Credentials first) {
        this.fetcher = fetcher;
        this.tier = tier;
        this.clock = clock;
        this.current = schedule(first);
    }

    /** Credentials that never change (a long-term key, or a token with no way to renew it). */
    static RenewingCredentials fixed(Credentials credentials) {
        return new RenewingCredentials(null, null, System::currentTimeMillis, credentials);
    }

    /** Fetches the first credentials now (a failure is the tier's failure) and renews them later. */
    static RenewingCredentials start(CredentialFetcher fetcher, String tier, LongSupplier clock)
            throws CredentialsException {
        return new RenewingCredentials(fetcher, tier, clock, fetcher.fetch());
    }

    private Current schedule(Credentials credentials) {
        long now = clock.getAsLong();
        if (fetcher == null || credentials.expiration() == null) {
            return new Current(credentials, Long.MAX_VALUE, now);
        }
        if (Lifetime.absurd(credentials.expiration(), now) && !absurdSaid) {
            absurdSaid = true;
            AgentLog.warn("credentials: " + tier + " says they expire " + credentials.expiration() + ", more than "
                    + Lifetime.MAX.toDays() + " days away; treating them as lasting " + Lifetime.ASSUMED.toMinutes()
                    + " minutes");
        }
        // Already expired by this clock (a source not yet rewritten, or a skewed clock): ask again after a pause,
        // not at every request.
        return new Current(credentials, Lifetime.renewAt(credentials.expiration(), now, RETRY_PAUSE_MILLIS), now);
    }

    /** The credentials to sign the next request with; renews them first when their time has come. */
    public Credentials current() {
        Current held = current;
        long now = clock.getAsLong();
        if (now >= held.renewAt && now >= nextTry && renewing.tryLock()) {
            try {
                if (current == held) {
                    renew(held, "ahead of their expiry");
                }
            } finally {
                renewing.unlock();
            }
        }
        return current.credentials;
    }

    /**
     * OSS refused {@code rejected} as expired or invalid: fetch new credentials now, unless another request
     * has done so already. Returns whether the next attempt will sign with other credentials.
     */
    public boolean renewAfterRejection(Credentials rejected, String code) {
        if (fetcher == null) {
            return false;
        }
        renewing.lock();
        try {
            if (current.credentials != rejected) {
                return true;
            }
            return renew(current, "after OSS answered " + code);
        } finally {
            renewing.unlock();
        }
    }

    private boolean renew(Current held, String why) {
        try {
            Credentials fresh = fetcher.fetch();
            current = schedule(fresh);
            if (sameKey(fresh, held.credentials)) {
                return false; // a file not rewritten yet: nothing new to sign with
            }
            AgentLog.info("credentials: renewed from " + tier + " " + why + ", id " + fresh.maskedId()
                    + (fresh.expiration() == null ? "" : ", expires " + fresh.expiration()));
            return true;
        } catch (CredentialsException | RuntimeException e) {
            nextTry = clock.getAsLong() + RETRY_PAUSE_MILLIS;
            String message = e instanceof CredentialsException ? e.getMessage() : e.getClass().getSimpleName();
            Credentials kept = held.credentials;
            AgentLog.warn("credentials: renewing from " + tier + " failed: " + message + "; "
                    + (kept.expiration() == null ? "keeping the current ones"
                    : "the current ones are valid until " + kept.expiration()));
            return false;
        }
    }

    private static boolean sameKey(Credentials a, Credentials b) {
        return a.accessKeyId().equals(b.accessKeyId()) && a.accessKeySecret().equals(b.accessKeySecret())
                && java.util.Objects.equals(a.securityToken(), b.securityToken());
    }

    /**
     * Whether {@code credentials} (the ones held now) had more than half of their lifetime left by this clock: OSS
     * refusing such a token as expired, again and again, points at a clock that is off, not at the token.
     */
    public boolean mostOfLifetimeLeft(Credentials credentials) {
        Current held = current;
        if (held.credentials != credentials || credentials.expiration() == null) {
            return false;
        }
        long nowMillis = clock.getAsLong();
        Instant now = Instant.ofEpochMilli(nowMillis);
        Instant fetched = Instant.ofEpochMilli(held.fetchedAt);
        Instant expiry = credentials.expiration();
        if (Lifetime.absurd(expiry, nowMillis)) {
            expiry = fetched.plus(Lifetime.ASSUMED); // as renewal treats them; never epoch millis of year 10^8
        }
        if (!expiry.isAfter(now)) {
            return false;
        }
        return Duration.between(now, expiry).compareTo(Duration.between(fetched, expiry).dividedBy(2)) > 0;
    }

    /** Whether these credentials can be renewed at all. */
    public boolean renewable() {
        return fetcher != null;
    }
}
