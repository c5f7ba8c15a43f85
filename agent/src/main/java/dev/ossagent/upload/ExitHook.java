package dev.ossagent.upload;

import dev.ossagent.log.AgentLog;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The named shutdown hook: at JVM exit (main returned or System.exit) it waits for pending uploads,
 * bounded by {@code ossagent.exit.timeout}, printing what is left and the deadline while it waits. Past
 * the deadline the JVM exits; the journal keeps the rest for {@code resume}.
 */
public final class ExitHook implements Runnable {
    private static final long PROGRESS_EVERY_MILLIS = 5_000;

    private volatile UploadQueue queue;
    private volatile Duration timeout;
    private final Supplier<Set<String>> targetsNeverLoaded;

    /** Registered at premain, before there is anything to wait for: see {@link #watch}. */
    public ExitHook(Supplier<Set<String>> targetsNeverLoaded) {
        this.targetsNeverLoaded = targetsNeverLoaded;
    }

    /** From now on, exit waits for the uploads of {@code queue}, at most {@code timeout}. */
    public void watch(UploadQueue queue, Duration timeout) {
        this.timeout = timeout;
        this.queue = queue;
    }

    public Thread asThread() {
        return new Thread(this, "oss-agent-exit");
    }

    @Override
    public void run() {
        try {
            waitForUploads();
        } catch (Throwable t) {
            AgentLog.error("exit hook: " + t);
        }
        try {
            for (String name : targetsNeverLoaded.get()) {
                AgentLog.warn("target class " + name + " was never loaded in this JVM; nothing was instrumented."
                        + " Check ossagent.target.class");
            }
        } catch (Throwable t) {
            AgentLog.error("exit hook: " + t);
        }
    }

    private void waitForUploads() throws InterruptedException {
        UploadQueue queue = this.queue;
        if (queue == null || queue.isIdle()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        LocalTime deadlineClock = LocalTime.now().plus(timeout).truncatedTo(ChronoUnit.SECONDS);
        UploadProgress progress = queue.progress();
        AgentLog.info("waiting up to " + timeout.getSeconds() + " s (until " + deadlineClock + ") for "
                + left(progress) + " to finish uploading before exit");
        while (true) {
            long millisLeft = (deadline - System.nanoTime()) / 1_000_000;
            if (millisLeft <= 0) {
                AgentLog.error("exit timeout (ossagent.exit.timeout=" + timeout.getSeconds() + "s) reached with "
                        + left(progress) + " not uploaded; " + queue.leftoverAdvice());
                return;
            }
            if (queue.awaitIdle(Math.min(millisLeft, PROGRESS_EVERY_MILLIS))) {
                AgentLog.info("uploads finished; exiting");
                return;
            }
            AgentLog.info("still uploading: " + left(progress) + " left; exit deadline " + deadlineClock + ", in "
                    + Math.max(0, (deadline - System.nanoTime()) / 1_000_000_000L) + " s");
        }
    }

    private static String left(UploadProgress progress) {
        if (progress.filesLeft() == 0) {
            // Async mode: train has returned, the plan is still being written to the journal.
            return "the upload being planned";
        }
        return progress.filesLeft() + " file(s), " + Sizes.human(progress.bytesLeft());
    }
}
