package dev.ossagent.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsTest {
    @TempDir
    Path dir;

    /** Two writers (as two JVMs would be) and many threads each: every line whole, each writer's numbers in order. */
    @Test
    void manyThreadsOfTwoWritersAppendWholeLinesToOneFile() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Events one = Events.open(file.toString(), "run-a");
        Events two = Events.open(file.toString(), "run-b");
        List<Thread> threads = new ArrayList<>();
        String longPath = "x".repeat(5000); // past any small buffer, so a torn write would show
        for (int t = 0; t < 8; t++) {
            Events events = t % 2 == 0 ? one : two;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    events.fileVerified(null, longPath, "b", "k" + i, i, "1", "ab", 0.5, 1, false);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(1600, lines.size());
        long lastA = 0;
        long lastB = 0;
        for (String line : lines) {
            assertTrue(line.startsWith("{\"v\":1,\"type\":\"file\",\"time\":\"") && line.contains(longPath)
                    && line.matches(".*,\"seq\":[0-9]+}"), line.length() > 200 ? line.substring(0, 200) : line);
            long seq = Long.parseLong(line.substring(line.lastIndexOf(':') + 1, line.length() - 1));
            if (line.contains("\"run\":\"run-a\"")) {
                assertEquals(lastA + 1, seq);
                lastA = seq;
            } else {
                assertEquals(lastB + 1, seq);
                lastB = seq;
            }
        }
        assertEquals(800, lastA);
        assertEquals(800, lastB);
    }

    @Test
    void aFailedFileNamesItsKindAndCodeAndTheJvmRunStandsInForAMissingOne() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Events events = Events.open(file.toString(), "jvm-run");
        events.fileFailed(null, "/m/a.pt", "b", "models/a.pt", 7, 1.5, 3, "auth-or-config", "NoSuchBucket");
        String line = Files.readAllLines(file).get(0);
        assertTrue(line.contains("\"run\":\"jvm-run\""), line);
        assertTrue(line.endsWith("\"status\":\"failed\",\"path\":\"/m/a.pt\",\"bucket\":\"b\",\"key\":\"models/a.pt\","
                + "\"size\":7,\"seconds\":1.500,\"attempts\":3,\"failure\":{\"kind\":\"auth-or-config\","
                + "\"code\":\"NoSuchBucket\"},\"seq\":1}"), line);
    }

    @Test
    void aFileThatCannotBeOpenedIsAnExceptionForTheCallerToSay() {
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> Events.open(dir.resolve("no/such/dir/events.jsonl").toString(), "r"));
    }
}
