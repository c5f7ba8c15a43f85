package dev.ossagent.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.OSSException;
import dev.ossagent.log.LogCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenRenewalTest {
    /** Counts renewals; {@code works} says whether a renewal yields other credentials. */
    private static final class CountingRenewal extends TokenRenewal {
        final List<String> renewals = new ArrayList<>();
        final boolean works;
        /** Whether each refused token had most of its lifetime left. */
        boolean fresh;

        CountingRenewal(boolean works) {
            super(null);
            this.works = works;
        }

        @Override
        boolean hadMostOfLifetime(Object signedWith) {
            return fresh;
        }

        @Override
        String clockOffset() {
            return "this clock is 42 s behind the server's (its Date header)";
        }

        @Override
        Object current() {
            return "credentials-" + renewals.size();
        }

        @Override
        boolean renew(Object signedWith, String code) {
            renewals.add(signedWith + " " + code);
            return works;
        }
    }

    private static Retrier retrier(TokenRenewal renewal) {
        return new Retrier(5, 600_000, 1, millis -> { }, renewal);
    }

    @Test
    void expiredTokenRenewsOnceAndSendsTheRequestAgain() {
        CountingRenewal renewal = new CountingRenewal(true);
        AtomicInteger calls = new AtomicInteger();
        try (LogCapture log = new LogCapture()) {
            String result = retrier(renewal).call("PUT b/k", () -> {
                if (calls.incrementAndGet() == 1) {
                    throw RetrierTest.oss("SecurityTokenExpired");
                }
                return "ok";
            });
            assertEquals("ok", result);
            assertEquals(List.of("credentials-0 SecurityTokenExpired"), renewal.renewals);
            assertTrue(log.text().contains("WARN PUT b/k was refused (SecurityTokenExpired); sending it again with"
                    + " renewed credentials"), log.text());
        }
    }

    @Test
    void aRenewedTokenRefusedAgainIsRenewedAgainWithTheBackoffAndTheRequestSucceeds() {
        CountingRenewal renewal = new CountingRenewal(true);
        AtomicInteger calls = new AtomicInteger();
        List<Long> pauses = new ArrayList<>();
        try (LogCapture log = new LogCapture()) {
            String result = new Retrier(5, 600_000, 100, pauses::add, renewal).call("PUT b/k", () -> {
                if (calls.incrementAndGet() <= 3) {
                    throw RetrierTest.oss("SecurityTokenExpired");
                }
                return "ok";
            });
            assertEquals("ok", result);
            assertEquals(3, renewal.renewals.size());
            assertEquals(2, pauses.size(), "the first renewal goes at once, the others after the back-off: " + pauses);
            assertTrue(log.text().contains("WARN PUT b/k was refused again (SecurityTokenExpired); renewing and sending"
                    + " it again in"), log.text());
            assertFalse(log.text().contains("clock"), log.text());
        }
    }

    @Test
    void refusalsUseUpTheAttemptsAndOnlyFreshTokensRefusedEachTimeBlameTheClock() {
        for (boolean fresh : new boolean[] {false, true}) {
            CountingRenewal renewal = new CountingRenewal(true);
            renewal.fresh = fresh;
            AtomicInteger calls = new AtomicInteger();
            OSSException refused = RetrierTest.oss("InvalidSecurityToken");
            try (LogCapture log = new LogCapture()) {
                assertSame(refused, assertThrows(OSSException.class, () -> retrier(renewal).call("PUT b/k", () -> {
                    calls.incrementAndGet();
                    throw refused;
                })));
                assertEquals(5, calls.get(), "within ossagent.retry.max-attempts");
                assertEquals(4, renewal.renewals.size());
                assertEquals(fresh, log.text().contains("ERROR PUT b/k: OSS refused 5 security tokens in a row as"
                        + " InvalidSecurityToken although each had most of its lifetime left; check this machine's clock"
                        + " (this clock is 42 s behind the server's (its Date header))"), log.text());
            }
        }
    }

    @Test
    void withoutRenewableCredentialsTheRefusalStands() {
        CountingRenewal renewal = new CountingRenewal(false);
        AtomicInteger calls = new AtomicInteger();
        assertThrows(OSSException.class, () -> retrier(renewal).call("PUT b/k", () -> {
            calls.incrementAndGet();
            throw RetrierTest.oss("SecurityTokenExpired");
        }));
        assertEquals(1, calls.get());
        assertNull(TokenRenewal.rejectedToken(RetrierTest.oss("AccessDenied")));
    }
}
