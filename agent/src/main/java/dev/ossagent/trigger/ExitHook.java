package dev.ossagent.trigger;

import dev.ossagent.config.SettingNames;
import dev.ossagent.log.AgentLog;
import dev.ossagent.log.Sizes;
import dev.ossagent.transfer.UploadProgress;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The named shutdown hook: at JVM exit (main returned or System.exit) it waits for pending uploads,
 * bounded by {@code ossagent.exit.timeout}, printing what is left and the deadline while it waits. Past
 * the deadline the JVM exits; the journal keeps the rest for {@code resume} (a plan the journal could not take is
 * named with the {@code upload} command that sends it by hand instead). Its last line says "uploads
 * finished" only when every file was verified (and every manifest written); otherwise what is left and how
 * to finish it. With {@code ossagent.exit.failure-code} set, the JVM then exits with that code.
 */
public final class ExitHook implements Runnable {
    private static final long PROGRESS_EVERY_MILLIS = 5_000;
    /** Planning and journaling take milliseconds; the first line waits for them to say what a kill would lose. */
    private static final long JOURNAL_WAIT_MILLIS = 2_000;

    private volatile UploadQueue queue;
    private volatile Duration timeout;
    private volatile int failureCode = -1;
    private final Supplier<Set<String>> targetsNeverLoaded;

    /** Registered at premain, before there is anything to wait for: see {@link #watch}. */
    public ExitHook(Supplier<Set<String>> targetsNeverLoaded) {
        this.targetsNeverLoaded = targetsNeverLoaded;
    }

    /**
     * From now on, exit waits for the uploads of {@code queue}, at most {@code timeout}.
     *
     * @param failureCode the JVM's exit code when uploads failed, or -1 to leave the trainer's
     */
    public void watch(UploadQueue queue, Duration timeout, int failureCode) {
        this.timeout = timeout;
        this.failureCode = failureCode;
        this.queue = queue;
    }

    public Thread asThread() {
        return new Thread(this, "oss-agent-exit");
    }

    @Override
    public void run() {
        boolean failed = false;
        try {
            failed = !waitForUploads();
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
        if (failed && failureCode >= 0) {
            AgentLog.error("exiting with code " + failureCode + " (" + SettingNames.EXIT_FAILURE_CODE + ") instead of the"
                    + " trainer's own, because uploads failed");
            System.out.flush();
            System.err.flush();
            // The only way a shutdown hook can set the exit code; System.exit here would wait for this hook forever.
            Runtime.getRuntime().halt(failureCode);
        }
    }

    /** @return true unless uploads failed or were cut off by the timeout */
    private boolean waitForUploads() throws InterruptedException {
        UploadQueue queue = this.queue;
        if (queue == null) {
            return true;
        }
        UploadProgress progress = queue.progress();
        if (queue.isIdle()) {
            return reportUnfinished(queue, progress); // the uploads ended before the trainer did
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        LocalTime deadlineClock = LocalTime.now().plus(timeout).truncatedTo(ChronoUnit.SECONDS);
        queue.awaitJournaled(Math.min(timeout.toMillis() / 2, JOURNAL_WAIT_MILLIS));
        AgentLog.info("waiting up to " + timeout.getSeconds() + " s (until " + deadlineClock + ") for "
                + left(progress) + " to finish uploading before exit; " + queue.killAdvice());
        while (true) {
            long millisLeft = (deadline - System.nanoTime()) / 1_000_000;
            if (millisLeft <= 0) {
                AgentLog.error("exit timeout (ossagent.exit.timeout=" + timeout.getSeconds() + "s) reached with "
                        + left(progress) + " not uploaded; " + queue.leftoverAdvice());
                return false;
            }
            if (queue.awaitIdle(Math.min(millisLeft, PROGRESS_EVERY_MILLIS))) {
                if (!reportUnfinished(queue, progress)) {
                    return false;
                }
                AgentLog.info("uploads finished; exiting");
                return true;
            }
            AgentLog.info("still uploading: " + left(progress) + " left; exit deadline " + deadlineClock + ", in "
                    + Math.max(0, (deadline - System.nanoTime()) / 1_000_000_000L) + " s");
        }
    }

    /** Says what the finished plans left undone, if anything; true when nothing. */
    private static boolean reportUnfinished(UploadQueue queue, UploadProgress progress) {
        String unfinished = progress.unfinished();
        String refused = progress.refused();
        if (unfinished != null) {
            AgentLog.error("exiting with " + unfinished + "; " + queue.leftoverAdvice());
        }
        if (refused != null) {
            AgentLog.error("exiting with " + refused); // no resume: they left the journal
        }
        return unfinished == null && refused == null;
    }

    private static String left(UploadProgress progress) {
        if (progress.filesLeft() == 0) {
            // Async mode: train has returned, the plan is still being written to the journal.
            return "the upload being planned";
        }
        return progress.filesLeft() + " file(s), " + Sizes.human(progress.bytesLeft());
    }
}
