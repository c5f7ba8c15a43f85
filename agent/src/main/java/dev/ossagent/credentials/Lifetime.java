package dev.ossagent.credentials;

import java.time.Duration;
import java.time.Instant;

/**
 * When temporary credentials are renewed, from their {@code Expiration}: after three quarters of their
 * lifetime. Any {@link Instant} is taken without overflow: an expiration already past is asked about again
 * after a short pause, and one more than {@link #MAX} away (year +100000000 once overflowed the arithmetic
 * into a fetch per request, and year +300000000 into an ArithmeticException on every upload) is not
 * believed: the credentials are treated as lasting {@link #ASSUMED}.
 */
final class Lifetime {
    /** STS grants at most 12 hours, ECS roles 6; a week is beyond any real lifetime. */
    static final Duration MAX = Duration.ofDays(7);
    /** STS's default lifetime. */
    static final Duration ASSUMED = Duration.ofHours(1);

    private Lifetime() {
    }

    /** Whether {@code expiration} is too far away to be believed at {@code nowMillis}. */
    static boolean absurd(Instant expiration, long nowMillis) {
        return expiration.isAfter(Instant.ofEpochMilli(nowMillis).plus(MAX));
    }

    /** The clock time (millis) at which to renew; always after {@code nowMillis} unless the clock is at its end. */
    static long renewAt(Instant expiration, long nowMillis, long pauseMillis) {
        Instant now = Instant.ofEpochMilli(nowMillis);
        long lifetime;
        if (!expiration.isAfter(now)) {
            lifetime = -1;
        } else if (absurd(expiration, nowMillis)) {
            lifetime = ASSUMED.toMillis();
        } else {
            lifetime = Duration.between(now, expiration).toMillis(); // at most 7 days: no overflow
        }
        long delay = lifetime > 0 ? Math.max(1, lifetime * 3 / 4) : pauseMillis;
        return nowMillis > Long.MAX_VALUE - delay ? Long.MAX_VALUE : nowMillis + delay;
    }
}
