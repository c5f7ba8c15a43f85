package dev.ossagent.transfer;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.InconsistentException;
import com.aliyun.oss.OSSException;
import dev.ossagent.failure.ErrorKind;
import dev.ossagent.failure.ErrorText;
import java.net.SocketTimeoutException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetrierTest {
    private final List<Long> pauses = new ArrayList<>();

    private Retrier retrier(int attempts, long maxMillis, long backoff) {
        return new Retrier(attempts, maxMillis, backoff, pauses::add);
    }

    static OSSException oss(String code) {
        return new OSSException("message", code, "REQ", "host", null, null, null);
    }

    @Test
    void transientFailuresAreRetriedWithGrowingJitteredPauses() {
        AtomicInteger calls = new AtomicInteger();
        String result = retrier(10, 600_000, 1000).call("PUT b/k", () -> {
            if (calls.incrementAndGet() < 4) {
                throw oss("ServiceUnavailable");
            }
            return "ok";
        });
        assertEquals("ok", result);
        assertEquals(4, calls.get());
        assertEquals(3, pauses.size());
        long[][] bounds = {{500, 1000}, {1000, 2000}, {2000, 4000}};
        for (int i = 0; i < 3; i++) {
            long pause = pauses.get(i);
            assertTrue(pause >= bounds[i][0] && pause <= bounds[i][1], "pause " + i + " = " + pause);
        }
    }

    @Test
    void pausesStopGrowingAtThirtySeconds() {
        Retrier retrier = retrier(50, Long.MAX_VALUE, 1000);
        for (int attempt = 1; attempt < 40; attempt++) {
            assertTrue(retrier.backoffMillis(attempt) <= 30_000);
        }
        assertTrue(retrier.backoffMillis(30) >= 15_000);
    }

    @Test
    void authAndConfigurationErrorsAreNotRetried() {
        for (String code : new String[] {"InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "NoSuchBucket",
                "InvalidBucketName"}) {
            AtomicInteger calls = new AtomicInteger();
            OSSException failure = oss(code);
            OSSException thrown = assertThrows(OSSException.class, () -> retrier(10, 600_000, 1).call("PUT b/k", () -> {
                calls.incrementAndGet();
                throw failure;
            }));
            assertSame(failure, thrown);
            assertEquals(1, calls.get(), code + " is sent once");
            assertTrue(ErrorKind.of(failure).stopsSession(), code);
        }
        assertTrue(pauses.isEmpty());
    }

    @Test
    void attemptsAreBoundedByCount() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(ClientException.class, () -> retrier(4, 600_000, 1).call("PUT b/k", () -> {
            calls.incrementAndGet();
            throw new ClientException("timeout", "SocketTimeout", "REQ", new SocketTimeoutException());
        }));
        assertEquals(4, calls.get());
    }

    @Test
    void attemptsAreBoundedByTime() {
        AtomicInteger calls = new AtomicInteger();
        // The first pause (500 to 1000 ms) already ends after the 400 ms allowed.
        assertThrows(OSSException.class, () -> retrier(100, 400, 1000).call("PUT b/k", () -> {
            calls.incrementAndGet();
            throw oss("InternalError");
        }));
        assertEquals(1, calls.get());
    }

    @Test
    void clockSkewIsRetriedAtOnceOnlyOnce() {
        AtomicInteger calls = new AtomicInteger();
        String result = retrier(10, 600_000, 1000).call("PUT b/k", () -> {
            if (calls.incrementAndGet() == 1) {
                throw oss("RequestTimeTooSkewed");
            }
            return "ok";
        });
        assertEquals("ok", result);
        assertEquals(2, calls.get());
        assertTrue(pauses.isEmpty(), "no backoff: the corrected signature is what helps");

        AtomicInteger always = new AtomicInteger();
        assertThrows(OSSException.class, () -> retrier(10, 600_000, 1000).call("PUT b/k", () -> {
            always.incrementAndGet();
            throw oss("RequestTimeTooSkewed");
        }));
        assertEquals(2, always.get(), "a clock that stays wrong is not retried forever");
    }

    @Test
    void kindsOfFailure() {
        assertEquals(ErrorKind.TRANSIENT, ErrorKind.of(oss("ServiceUnavailable")));
        assertEquals(ErrorKind.TRANSIENT, ErrorKind.of(oss("InternalError")));
        assertEquals(ErrorKind.TRANSIENT, ErrorKind.of(oss("RequestTimeout")));
        assertEquals(ErrorKind.TRANSIENT, ErrorKind.of(new OSSException("No body in response, http status code 502",
                "Unknown", "REQ", null, null, null, null)));
        assertEquals(ErrorKind.PERMANENT, ErrorKind.of(new OSSException("No body in response, http status code 400",
                "Unknown", "REQ", null, null, null, null)));
        assertEquals(ErrorKind.TRANSIENT, ErrorKind.of(new InconsistentException(1L, 2L, "REQ")));
        assertEquals(ErrorKind.TRANSIENT, ErrorKind.of(new ClientException("reset", "SocketException", "REQ")));
        assertEquals(ErrorKind.CLOCK_SKEW, ErrorKind.of(oss("RequestTimeTooSkewed")));
        assertEquals(ErrorKind.NO_SUCH_UPLOAD, ErrorKind.of(oss("NoSuchUpload")));
        assertEquals(ErrorKind.PERMANENT, ErrorKind.of(oss("InvalidArgument")));
        assertEquals(ErrorKind.LOCAL_FILE, ErrorKind.of(new ClientException(new NoSuchFileException("/x"))));
    }

    @Test
    void descriptionsNeverCarryTheSdkMessage() {
        OSSException e = new OSSException("Access key secret made-up-never-print", "SignatureDoesNotMatch", "R", null,
                null, null, null);
        assertEquals("SignatureDoesNotMatch", ErrorText.of(e));
        assertEquals("SocketTimeout: the server accepted the connection but did not answer", ErrorText.of(
                new ClientException("read timed out", "SocketTimeout", "REQ", new SocketTimeoutException("x"))));
    }
}
