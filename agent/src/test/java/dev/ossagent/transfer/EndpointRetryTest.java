package dev.ossagent.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.ClientException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The bound of a retry depends on whether the endpoint ever answered in this JVM (issues 22.2, 26.1). */
class EndpointRetryTest {
    private final List<Long> pauses = new ArrayList<>();

    private static ClientException refused() {
        return new ClientException("refused", "ConnectionRefused", "REQ", new ConnectException("Connection refused"));
    }

    private Retrier retrier(EndpointState endpoint, int attempts, long maxMillis) {
        return new Retrier(attempts, maxMillis, 1000, pauses::add, TokenRenewal.NONE, endpoint);
    }

    @Test
    void neverAnsweredAndRefusedIsTwoTriesOnceForTheWholeJvm() {
        EndpointState endpoint = new EndpointState("http://127.0.0.1:1");
        AtomicInteger calls = new AtomicInteger();
        assertThrows(ClientException.class, () -> retrier(endpoint, 10, 900_000)
                .call("PUT b/k", () -> {
                    calls.incrementAndGet();
                    throw refused();
                }));
        assertEquals(2, calls.get(), "two tries, not ten");
        assertTrue(endpoint.givenUp());
        assertEquals(1, pauses.size());
        // The next plan (another Retrier on the same endpoint) gets one try, no retry, no pause.
        assertThrows(ClientException.class, () -> retrier(endpoint, 10, 900_000).call("PUT b/k2", () -> {
            calls.incrementAndGet();
            throw refused();
        }));
        assertEquals(3, calls.get());
        assertEquals(1, pauses.size());
        assertTrue(endpoint.firstToSayGivenUp());
        assertTrue(!endpoint.firstToSayGivenUp(), "one ERROR for all plans");
        // A network that comes up late: the next try is answered and the endpoint is no longer given up.
        assertEquals("sent", retrier(endpoint, 10, 900_000).call("PUT b/k3", () -> "sent"));
        assertTrue(!endpoint.givenUp() && endpoint.everAnswered());
    }

    @Test
    void neverAnsweredUnknownHostIsOneTry() {
        EndpointState endpoint = new EndpointState("http://oss.invalid");
        AtomicInteger calls = new AtomicInteger();
        assertThrows(ClientException.class, () -> retrier(endpoint, 10, 900_000).call("PUT b/k", () -> {
            calls.incrementAndGet();
            throw new ClientException("x", "UnknownHost", "REQ", new UnknownHostException("oss.invalid: Name or service not known"));
        }));
        assertEquals(1, calls.get());
        assertTrue(endpoint.givenUp());
    }

    @Test
    void answeredBeforeAnOutageIsRetriedPastMaxAttemptsUntilMaxTime() {
        EndpointState endpoint = new EndpointState("http://127.0.0.1:2");
        AtomicInteger calls = new AtomicInteger();
        assertEquals("ok", retrier(endpoint, 3, 900_000).call("GET b/k", () -> calls.incrementAndGet() > 0 ? "ok" : ""));
        String result = retrier(endpoint, 3, 900_000).call("PUT b/k", () -> {
            if (calls.incrementAndGet() < 14) {
                throw refused();
            }
            return "back";
        });
        assertEquals("back", result);
        assertEquals(12, pauses.size(), "12 retries although max-attempts is 3");
        assertTrue(pauses.stream().allMatch(p -> p <= 30_000), "back-off capped: " + pauses);
        assertNull(endpoint.outage(System.currentTimeMillis()), "answered again: no outage");
        assertTrue(!endpoint.givenUp());
    }

    @Test
    void answeredBeforeUnknownHostIsAnOutageToo() {
        EndpointState endpoint = new EndpointState("http://oss.example");
        retrier(endpoint, 3, 900_000).call("GET b/k", () -> "ok");
        AtomicInteger calls = new AtomicInteger();
        retrier(endpoint, 3, 900_000).call("PUT b/k", () -> {
            if (calls.incrementAndGet() < 5) {
                throw new ClientException("x", "UnknownHost", "REQ", new UnknownHostException("oss.example"));
            }
            return "ok";
        });
        assertEquals(5, calls.get());
    }

    @Test
    void anOutageEndsAtMaxTimeAndSaysWhatIsHappeningMeanwhile() {
        EndpointState endpoint = new EndpointState("http://127.0.0.1:3");
        retrier(endpoint, 3, 900_000).call("GET b/k", () -> "ok");
        List<String> seen = new ArrayList<>();
        Retrier retrier = new Retrier(3, 5_000, 1000, millis -> {
            seen.add(endpoint.outage(System.currentTimeMillis()));
            Thread.sleep(Math.min(millis, 30));
        }, TokenRenewal.NONE, endpoint);
        AtomicInteger calls = new AtomicInteger();
        long start = System.currentTimeMillis();
        assertThrows(ClientException.class, () -> retrier.call("PUT b/k", () -> {
            calls.incrementAndGet();
            throw refused();
        }));
        assertNotNull(seen.get(0));
        assertTrue(seen.get(0).startsWith("OSS unreachable for 0 s (connection refused), next try in "), seen.get(0));
        assertTrue(calls.get() >= 2 && System.currentTimeMillis() - start < 5_000, "bounded by max-time");
    }
}
