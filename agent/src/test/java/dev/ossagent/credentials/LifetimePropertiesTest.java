package dev.ossagent.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.log.LogCapture;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Any Expiration a credentials source may send, over the whole range of {@link Instant}: renewal never
 * overflows, never comes later than a real lifetime allows, and never turns into a fetch per request.
 */
class LifetimePropertiesTest {
    private static final long NOW = Instant.parse("2026-12-06T06:00:00Z").toEpochMilli();
    private static final long WEEK = Lifetime.MAX.toMillis();

    @Provide
    Arbitrary<Instant> anyInstant() {
        Arbitrary<Long> seconds = Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
                .edgeCases(edges -> edges.add(NOW / 1000 + 7 * 86_400).add(NOW / 1000 - 1).add(NOW / 1000 + 1));
        Arbitrary<Integer> nanos = Arbitraries.integers().between(0, 999_999_999);
        return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<Long> anyClock() {
        return Arbitraries.longs().edgeCases(edges -> edges.add(NOW).add(Long.MAX_VALUE).add(Long.MIN_VALUE));
    }

    @Property(tries = 2000)
    void renewalIsAlwaysSoonAndNeverAtOnce(@ForAll("anyInstant") Instant expiration, @ForAll("anyClock") long now) {
        long at = Lifetime.renewAt(expiration, now, RenewingCredentials.RETRY_PAUSE_MILLIS);
        if (now < Long.MAX_VALUE - WEEK) {
            assertTrue(at > now, "after now: " + at + " vs " + now);
            assertTrue(at - now <= WEEK * 3 / 4, "within three quarters of a week: " + (at - now));
        } else {
            assertTrue(at >= now, "the clock's end: no overflow to the past");
        }
    }

    @Property(tries = 500)
    void oneFetchPerLifetimeWhateverTheExpiration(@ForAll("anyInstant") Instant expiration) throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        AtomicLong clock = new AtomicLong(NOW);
        try (LogCapture log = new LogCapture()) {
            RenewingCredentials renewing = RenewingCredentials.start(() -> {
                fetches.incrementAndGet();
                return new Credentials("STS.TESTCLAMP0001", "clamp-never-print", "clamp-token-never-print", expiration);
            }, "credentials URI http://127.0.0.1:1/creds", clock::get);
            for (int i = 0; i < 20; i++) {
                renewing.current();
            }
            assertEquals(1, fetches.get(), "20 requests at one instant: one fetch, whatever " + expiration);
            long warnings = log.text().lines().filter(line -> line.contains("more than 7 days away")).count();
            assertEquals(Lifetime.absurd(expiration, NOW) ? 1 : 0, warnings, log.text());
        }
    }

    @Test
    void anExpirationInYear300000000IsOneWarningAndAnHourOfLife() throws Exception {
        Instant absurd = Instant.parse("+300000000-01-01T00:00:00Z");
        AtomicInteger fetches = new AtomicInteger();
        AtomicLong clock = new AtomicLong(NOW);
        try (LogCapture log = new LogCapture()) {
            RenewingCredentials renewing = RenewingCredentials.start(() -> {
                fetches.incrementAndGet();
                return new Credentials("STS.TESTCLAMP0002", "clamp-never-print", "clamp-token-never-print", absurd);
            }, "STS test", clock::get);
            renewing.current();
            clock.addAndGet(Lifetime.ASSUMED.toMillis() * 3 / 4 - 1);
            renewing.current();
            assertEquals(1, fetches.get());
            clock.addAndGet(1);
            renewing.current();
            assertEquals(2, fetches.get(), "renewed after three quarters of the assumed hour");
            assertEquals(1, log.text().lines().filter(line -> line.contains("WARN credentials: STS test says they"
                    + " expire +300000000-01-01T00:00:00Z, more than 7 days away; treating them as lasting 60 minutes"))
                    .count(), log.text());
        }
    }
}
