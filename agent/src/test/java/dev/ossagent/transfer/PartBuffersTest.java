package dev.ossagent.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class PartBuffersTest {
    @Test
    void aFilesPoolIsTakenFromThePlansBudgetAndGivenBack() {
        PartBuffers plan = new PartBuffers(10 * 1024);
        PartBuffers.Pool first = plan.reserve(1024, 6);
        assertNotNull(first);
        assertNull(plan.reserve(1024, 5), "6 KiB of 10 are held: 5 more do not fit");
        PartBuffers.Pool second = plan.reserve(1024, 4);
        assertNotNull(second, "4 do");
        second.close();
        second.close(); // twice gives back once
        assertNull(plan.reserve(1024, 5));
        first.close();
        assertNotNull(plan.reserve(1024, 10));
    }

    @Test
    void partsLargerThanAnArrayCanHoldDoNotGetAPool() {
        assertNull(new PartBuffers(Long.MAX_VALUE).reserve(3L << 30, 2));
        assertNull(new PartBuffers(Long.MAX_VALUE).reserve(1024, 0));
    }

    @Test
    void atMostCountBuffersExistAndTheNextTakeWaitsForOneGivenBack() throws Exception {
        try (PartBuffers.Pool pool = new PartBuffers(1 << 20).reserve(100, 3)) {
            byte[] a = pool.take();
            byte[] b = pool.take();
            byte[] c = pool.take();
            assertEquals(100, a.length);
            assertFalse(a == b || b == c || a == c, "three distinct buffers");
            CompletableFuture<byte[]> fourth = CompletableFuture.supplyAsync(() -> {
                try {
                    return pool.take();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                fourth.get(300, TimeUnit.MILLISECONDS);
                throw new AssertionError("a fourth buffer was made");
            } catch (TimeoutException expected) {
                // waits, as the reader does while every buffer is being sent
            }
            pool.give(b);
            assertSame(b, fourth.get(5, TimeUnit.SECONDS), "the buffer given back is reused");
            assertTrue(fourth.isDone());
        }
    }
}
