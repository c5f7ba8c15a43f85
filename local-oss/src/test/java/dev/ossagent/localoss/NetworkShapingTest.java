package dev.ossagent.localoss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the benchmarks need of local-oss: a shared bandwidth cap, a count of requests in progress at once. */
class NetworkShapingTest {
    static final String BUCKET = "cloud-training";
    static final String ID = "LTAI-TESTKEYID0001";
    static final String SECRET = "made-up-secret-0001";

    @TempDir
    Path root;
    LocalOss server;

    @BeforeEach
    void start() {
        server = LocalOss.builder().root(root).bucket(BUCKET).credentials(ID, SECRET).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RawHttp.Response put(String key, int size) throws Exception {
        byte[] body = new byte[size];
        new Random(size).nextBytes(body);
        RawHttp put = new RawHttp(server.port()).request("PUT", "/" + BUCKET + "/" + key);
        put.body = body;
        return put.signV1(ID, SECRET, "/" + BUCKET + "/" + key).send();
    }

    @Test
    void everyBodyByteGoesThroughTheCapOnlyWhileItIsSet() throws Exception {
        assertEquals(200, put("free.bin", 300_000).status);
        assertEquals(0, server.bytesThrottled());
        server.maxBandwidth(Rates.parse("50MB"));
        assertEquals(200, put("a.bin", 700_000).status);
        assertEquals(200, put("b.bin", 123_457).status);
        assertEquals(823_457, server.bytesThrottled());
        server.maxBandwidth(0);
        assertEquals(200, put("c.bin", 1000).status);
        assertEquals(823_457, server.bytesThrottled());
    }

    @Test
    void countsRequestsInProgressAtOnce() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, put("one-by-one-" + i, 10).status);
        }
        assertEquals(1, server.maxConcurrentRequests());
        server.faults().delayMillis(400); // keeps every request in progress long enough to overlap
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<RawHttp.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String key = "together-" + i;
                answers.add(pool.submit(() -> put(key, 10)));
            }
            for (Future<RawHttp.Response> answer : answers) {
                assertEquals(200, answer.get().status);
            }
        } finally {
            pool.shutdownNow();
        }
        int peak = server.maxConcurrentRequests();
        assertTrue(peak >= 2 && peak <= 4, "peak " + peak);
        server.resetMaxConcurrentRequests();
        server.faults().clear();
        assertEquals(200, put("after", 10).status);
        assertEquals(1, server.maxConcurrentRequests());
    }

    @Test
    void ratesWithUnits() {
        assertEquals(100_000_000L, Rates.parse("100MB"));
        assertEquals(100L << 20, Rates.parse("100MiB"));
        assertEquals(1_500_000L, Rates.parse("1.5MB/s"));
        assertEquals(4096, Rates.parse("4096"));
        assertThrows(IllegalArgumentException.class, () -> Rates.parse("fast"));
        assertThrows(IllegalArgumentException.class, () -> Rates.parse("-1MB"));
    }
}
