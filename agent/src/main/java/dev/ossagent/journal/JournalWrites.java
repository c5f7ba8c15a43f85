package dev.ossagent.journal;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The journal's writes against JVM exit. The exit hook {@link #stop}s them before the JVM ends, and waits
 * for the ones under way: a write cut off by the JVM's end would leave a temporary file, and a plan cut off
 * half-written would be one the log claims is kept. A write asked for after the stop fails at once, and a
 * plan being recorded then is deleted whole ({@link Journal#record}).
 */
public final class JournalWrites {
    private static final Object LOCK = new Object();
    private static boolean stopped;
    private static int underWay;

    private JournalWrites() {
    }

    /** Before each journal write: fails when the JVM is exiting. */
    static void begin() throws IOException {
        synchronized (LOCK) {
            if (stopped) {
                throw new IOException("the JVM is exiting: the upload journal takes no more writes");
            }
            underWay++;
        }
    }

    static void end() {
        synchronized (LOCK) {
            underWay--;
            LOCK.notifyAll();
        }
    }

    public static boolean stopped() {
        synchronized (LOCK) {
            return stopped;
        }
    }

    /** No write starts from now on; waits (at most {@code millis}) for those under way. True when none is. */
    public static boolean stop(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (LOCK) {
            stopped = true;
            while (underWay > 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                LOCK.wait(left);
            }
            return true;
        }
    }

    /** For tests in one JVM: writes allowed again. */
    static void resume() {
        synchronized (LOCK) {
            stopped = false;
        }
    }
}
