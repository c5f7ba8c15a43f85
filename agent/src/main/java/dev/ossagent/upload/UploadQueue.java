package dev.ossagent.upload;

import dev.ossagent.journal.JournaledPlan;
import dev.ossagent.log.AgentLog;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs upload plans one after another on a single daemon thread, which ends a second after the
 * last plan, so no agent thread keeps the JVM alive. The exit hook waits on {@link #awaitIdle}.
 */
public final class UploadQueue {
    /** Runs one plan; it reports its own problems and never throws. */
    public interface Uploader {
        void upload(JournaledPlan plan, UploadProgress progress);

        /** Where unfinished files wait and how to finish them, for the exit hook's last word. */
        String leftoverAdvice();

        /** The command that finishes what a kill would leave, or null when the journal cannot be written. */
        String resumeCommand();
    }

    /** Plans and journals an upload; null when there is nothing to upload. Reports its own problems. */
    public interface PlanSource {
        JournaledPlan journaledPlan();
    }

    /** Lets a caller wait for its plan (sync mode). */
    public static final class Ticket {
        private final CountDownLatch done = new CountDownLatch(1);

        public void await() {
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final Uploader uploader;
    private final UploadProgress progress = new UploadProgress();
    private final AtomicLong plansPending = new AtomicLong();
    private final Object idle = new Object();
    private ThreadPoolExecutor executor;
    private ThreadPoolExecutor journalExecutor;

    public UploadQueue(Uploader uploader) {
        this.uploader = uploader;
    }

    /** Made at the first plan: premain builds the queue, and most JVMs never upload (startup cost, see bench/). */
    private synchronized ThreadPoolExecutor executor() {
        if (executor == null) {
            executor = daemonThread("oss-agent-upload");
        }
        return executor;
    }

    private synchronized ThreadPoolExecutor journalExecutor() {
        if (journalExecutor == null) {
            journalExecutor = daemonThread("oss-agent-journal");
        }
        return journalExecutor;
    }

    /** One daemon thread that ends a second after its last task. */
    private static ThreadPoolExecutor daemonThread(final String name) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<Runnable>(),
                new ThreadFactory() {
                    @Override
                    public Thread newThread(Runnable task) {
                        Thread thread = new Thread(task, name);
                        thread.setDaemon(true);
                        return thread;
                    }
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * The async hand-off: the caller (the trainer's thread, in train's return) only queues; planning
     * and the journal are written on the agent's journal thread, which then {@link #submit}s the plan.
     * The journal thread never waits behind an upload, so the plan is journaled as soon as before; it
     * counts as pending at once, so the exit hook waits for it too.
     */
    public void submitLater(final PlanSource source) {
        plansPending.incrementAndGet();
        journalExecutor().execute(new Runnable() {
            @Override
            public void run() {
                try {
                    JournaledPlan plan = source.journaledPlan();
                    if (plan != null) {
                        submit(plan);
                    }
                } catch (Throwable t) {
                    AgentLog.error("could not plan the upload: " + t);
                } finally {
                    planDone();
                }
            }
        });
    }

    private void planDone() {
        if (plansPending.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    public Ticket submit(final JournaledPlan plan) {
        final Ticket ticket = new Ticket();
        plansPending.incrementAndGet();
        progress.planned(plan.pending().size(), plan.pendingBytes());
        executor().execute(new Runnable() {
            @Override
            public void run() {
                try {
                    uploader.upload(plan, progress);
                } catch (Throwable t) {
                    // An Error in the agent's thread stays in the agent's thread.
                    AgentLog.error("upload of " + plan.record().modelPath() + " failed: " + t);
                    progress.notFinished(plan.pending().size(), plan.pending().isEmpty() && plan.manifestPending());
                } finally {
                    planDone();
                    // Released last, so a sync caller never sees its plan still pending.
                    ticket.done.countDown();
                }
            }
        });
        return ticket;
    }

    public boolean isIdle() {
        return plansPending.get() == 0;
    }

    public UploadProgress progress() {
        return progress;
    }

    public String leftoverAdvice() {
        return uploader.leftoverAdvice();
    }

    public String resumeCommand() {
        return uploader.resumeCommand();
    }

    /** Waits until every submitted plan is done or the wait elapses; true when idle. */
    public boolean awaitIdle(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (idle) {
            while (plansPending.get() > 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                idle.wait(left);
            }
        }
        return true;
    }
}
