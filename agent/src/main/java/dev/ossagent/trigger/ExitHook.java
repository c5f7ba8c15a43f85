package dev.ossagent.trigger;

import dev.ossagent.config.SettingNames;
import dev.ossagent.events.Events;
import dev.ossagent.journal.JournalWrites;
import dev.ossagent.log.AgentLog;
import dev.ossagent.log.Sizes;
import dev.ossagent.transfer.UploadProgress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
    /**
     * How long exit waits for plans to reach the journal, apart from {@code ossagent.exit.timeout}: it is
     * local disk (20,000 files take a few seconds), and until then nothing could resume them.
     */
    static final long JOURNAL_WAIT_MILLIS = 30_000;
    /** How long exit waits for a journal write under way when it stops them, so none leaves a temporary file. */
    private static final long WRITE_WAIT_MILLIS = 5_000;

    private volatile UploadQueue queue;
    private volatile Duration timeout;
    private volatile int failureCode = -1;
    private volatile boolean timedOut;
    /** Once a preemption notice is known: exit waits until then, not the exit timeout. */
    private volatile Instant preemptedBy;
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

    /** A preemption notice: from now on exit waits until {@code deadline} (the earliest one told) instead. */
    public synchronized void preempted(Instant deadline) {
        if (preemptedBy == null || deadline.isBefore(preemptedBy)) {
            preemptedBy = deadline;
        }
    }

    /** When the wait ends, as System.nanoTime: the notice's deadline once known, else {@code start + timeout}. */
    private long deadlineNanos(long start) {
        Instant notice = preemptedBy;
        if (notice == null) {
            return start + timeout.toNanos();
        }
        return System.nanoTime() + Math.max(0, Duration.between(Instant.now(), notice).toNanos());
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
            failed |= !stopJournal();
        } catch (Throwable t) {
            AgentLog.error("exit hook: " + t);
        }
        exitEvent(failed);
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
        progress.exitPending();
        if (queue.isIdle()) {
            // The uploads ended before the trainer did: the run's last line all the same.
            if (!reportUnfinished(queue, progress)) {
                return false;
            }
            AgentLog.info(progress.anyPlanned() ? "uploads finished: " + progress.achieved()
                    : "nothing uploaded in this JVM: no watched method returned a path, or no file of the lists was"
                    + " there (see above)");
            return true;
        }
        long start = System.nanoTime();
        long deadline = deadlineNanos(start);
        queue.journalWaitingNow();
        if (!queue.awaitJournaled(Math.min(1_000, JOURNAL_WAIT_MILLIS))) {
            AgentLog.info("waiting up to " + JOURNAL_WAIT_MILLIS / 1000 + " s for the upload plan of "
                    + queue.notJournaled() + " to be written to the upload journal");
            queue.awaitJournaled(JOURNAL_WAIT_MILLIS - 1_000);
        }
        LocalTime deadlineClock = LocalTime.now().plusNanos(deadline - start).truncatedTo(ChronoUnit.SECONDS);
        AgentLog.info("waiting up to " + (deadline - start) / 1_000_000_000L + " s (until " + deadlineClock + (
                preemptedBy != null ? ", the preemption deadline" : "") + ") for "
                + left(progress) + " to finish uploading before exit; " + queue.killAdvice());
        long lastLine = start;
        while (true) {
            deadline = deadlineNanos(start); // a notice may come while exit waits
            long millisLeft = (deadline - System.nanoTime()) / 1_000_000;
            if (millisLeft <= 0) {
                AgentLog.error((preemptedBy != null ? "preemption deadline" : "exit timeout (ossagent.exit.timeout="
                        + timeout.getSeconds() + "s)") + " reached with " + left(progress) + " not uploaded; "
                        + queue.leftoverAdvice());
                timedOut = true;
                return false;
            }
            if (queue.awaitIdle(Math.min(millisLeft, preemptedBy != null ? 1_000 : PROGRESS_EVERY_MILLIS))) {
                if (!reportUnfinished(queue, progress)) {
                    return false;
                }
                AgentLog.info("uploads finished: " + progress.achieved() + "; exiting");
                return true;
            }
            if (System.nanoTime() - lastLine >= PROGRESS_EVERY_MILLIS * 1_000_000) {
                lastLine = System.nanoTime();
                String stalled = progress.stalled(System.currentTimeMillis());
                AgentLog.info("still uploading: " + (stalled == null ? "" : stalled + "; ") + left(progress)
                        + " left; exit deadline " + deadlineClock + ", in "
                        + Math.max(0, (deadline - System.nanoTime()) / 1_000_000_000L) + " s");
            }
        }
    }

    /** The events file's last word from this JVM: what its uploads came to. */
    private void exitEvent(boolean failed) {
        UploadQueue queue = this.queue;
        Events events = queue == null ? null : queue.progress().events();
        if (events != null) {
            UploadProgress progress = queue.progress();
            events.exit(timedOut ? "timeout" : failed ? "unfinished" : "finished", progress.filesVerified(),
                    progress.filesFailed(), progress.filesLeft(), progress.bytesLeft(),
                    failed && failureCode >= 0 ? Integer.valueOf(failureCode) : null);
        }
    }

    /**
     * Stops the journal's writes, waiting for those under way, and names every path whose plan the journal
     * did not get: only those are not kept, and they are said to be. False when there is one.
     */
    private boolean stopJournal() throws InterruptedException {
        UploadQueue queue = this.queue;
        JournalWrites.stop(WRITE_WAIT_MILLIS);
        if (queue == null) {
            return true;
        }
        queue.awaitJournaled(WRITE_WAIT_MILLIS); // a plan being recorded now fails at once and is deleted whole
        Set<Path> lost = queue.notJournaled();
        for (Path path : lost) {
            AgentLog.error("the plan for " + path + " was not recorded in the upload journal (exit came first), so"
                    + " resume will not find it; upload it by hand: " + queue.uploadCommand(path));
        }
        return lost.isEmpty();
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
