package dev.ossagent.credentials;

import dev.ossagent.log.LogCapture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenewingCredentialsTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<Credentials> issued = new ArrayList<>();
    private final LogCapture log = new LogCapture();
    private volatile String failWith;

    @AfterEach
    void release() {
        log.assertNoSecret();
        log.close();
    }

    /** Issues credentials that live {@code seconds} from the fake clock's now. */
    private CredentialFetcher lasting(long seconds) {
        return () -> {
            if (failWith != null) {
                throw new CredentialsException(failWith);
            }
            Credentials credentials = new Credentials("STS.TESTRENEW" + issued.size(), "renew-never-print",
                    "token-never-print", Instant.ofEpochMilli(now.get() + seconds * 1000));
            issued.add(credentials);
            return credentials;
        };
    }

    @Test
    void renewsOnceThreeQuartersOfTheLifetimeHavePassed() throws Exception {
        RenewingCredentials renewing = RenewingCredentials.start(lasting(100), "STS test", now::get);
        Credentials first = renewing.current();
        now.addAndGet(74_999);
        assertSame(first, renewing.current(), "a quarter and a bit of the lifetime left: still the first");
        now.addAndGet(1);
        Credentials second = renewing.current();
        assertEquals(2, issued.size());
        assertSame(issued.get(1), second);
        assertTrue(log.text().contains("credentials: renewed from STS test ahead of their expiry, id ****NEW1"),
                log.text());
        now.addAndGet(74_999);
        assertSame(second, renewing.current(), "the second lifetime counts from its own issue");
    }

    @Test
    void failedRenewalKeepsTheValidCredentialsAndTriesAgainLater() throws Exception {
        RenewingCredentials renewing = RenewingCredentials.start(lasting(100), "STS test", now::get);
        Credentials first = renewing.current();
        failWith = "STS http://127.0.0.1:1 AssumeRoleWithOIDC: STS unreachable (ConnectException)";
        now.addAndGet(80_000);
        assertSame(first, renewing.current());
        assertTrue(log.text().contains("WARN credentials: renewing from STS test failed: STS http://127.0.0.1:1"
                + " AssumeRoleWithOIDC: STS unreachable (ConnectException); the current ones are valid until "), log.text());
        failWith = null;
        now.addAndGet(RenewingCredentials.RETRY_PAUSE_MILLIS - 1);
        assertSame(first, renewing.current(), "no new try within the pause");
        now.addAndGet(1);
        Credentials renewed = renewing.current();
        assertSame(issued.get(1), renewed);
    }

    @Test
    void rejectionRenewsAtOnceButOnlyOnceForTheSameCredentials() throws Exception {
        RenewingCredentials renewing = RenewingCredentials.start(lasting(100), "STS test", now::get);
        Credentials first = renewing.current();
        assertTrue(renewing.renewAfterRejection(first, "SecurityTokenExpired"));
        assertEquals(2, issued.size());
        assertTrue(renewing.renewAfterRejection(first, "SecurityTokenExpired"), "another request already renewed");
        assertEquals(2, issued.size(), "no second fetch for the same rejected credentials");
        assertTrue(log.text().contains("after OSS answered SecurityTokenExpired"), log.text());
    }

    @Test
    void aSourceNotRewrittenYetIsAskedAgainAfterAPauseNotAtEveryRequest() throws Exception {
        Credentials stale = new Credentials("STS.TESTSTALE0001", "stale-never-print", "stale-token-never-print",
                Instant.ofEpochMilli(now.get() - 1000));
        List<Long> fetches = new ArrayList<>();
        RenewingCredentials renewing = RenewingCredentials.start(() -> {
            fetches.add(now.get());
            return stale;
        }, "credentials file /mnt/.alibabacloud/credentials", now::get);
        renewing.current();
        renewing.current();
        assertEquals(1, fetches.size(), "expired on arrival: no fetch per request");
        now.addAndGet(RenewingCredentials.RETRY_PAUSE_MILLIS);
        renewing.current();
        assertEquals(2, fetches.size());
        assertFalse(renewing.renewAfterRejection(stale, "SecurityTokenExpired"), "the same key again is no renewal");
        assertEquals("", log.text(), "the same key read again is not announced as renewed");
    }

    @Test
    void fixedCredentialsAreNeverRenewed() {
        Credentials key = new Credentials("LTAI-TESTFIXED0001", "fixed-never-print", null);
        RenewingCredentials fixed = RenewingCredentials.fixed(key);
        assertFalse(fixed.renewable());
        assertFalse(fixed.renewAfterRejection(key, "InvalidSecurityToken"));
        assertSame(key, fixed.current());
    }
}
