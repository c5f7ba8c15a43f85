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
    private final ThreadPoolExecutor executor;

    public UploadQueue(Uploader uploader) {
        this.uploader = uploader;
        executor = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<Runnable>(),
                new ThreadFactory() {
                    @Override
                    public Thread newThread(Runnable task) {
                        Thread thread = new Thread(task, "oss-agent-upload");
                        thread.setDaemon(true);
                        return thread;
                    }
                });
        executor.allowCoreThreadTimeOut(true);
    }

    public Ticket submit(final JournaledPlan plan) {
        final Ticket ticket = new Ticket();
        plansPending.incrementAndGet();
        progress.planned(plan.pending().size(), plan.pendingBytes());
        executor.execute(new Runnable() {
            @Override
            public void run() {
                try {
                    uploader.upload(plan, progress);
                } catch (Throwable t) {
                    // An Error in the agent's thread stays in the agent's thread.
                    AgentLog.error("upload of " + plan.record().modelPath() + " failed: " + t);
                } finally {
                    if (plansPending.decrementAndGet() == 0) {
                        synchronized (idle) {
                            idle.notifyAll();
                        }
                    }
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
