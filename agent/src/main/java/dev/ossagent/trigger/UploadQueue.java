package dev.ossagent.trigger;

import dev.ossagent.journal.JournalWrites;
import dev.ossagent.journal.JournaledPlan;
import dev.ossagent.log.AgentLog;
import dev.ossagent.transfer.UploadProgress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs upload plans one after another on a single daemon thread, which ends a second after the
 * last plan, so no agent thread keeps the JVM alive. The exit hook waits on {@link #awaitIdle}.
 * Checkpoints saved to one path faster than they upload coalesce ({@link #submitLater}): per path one
 * plan is in flight and at most one waits, the newest, so backlog and heap stay bounded and the last
 * save is always the last upload.
 */
public final class UploadQueue {
    /** Runs one plan; it reports its own problems and never throws. */
    public interface Uploader {
        void upload(JournaledPlan plan, UploadProgress progress);

        /** Where unfinished files wait and how to finish them, for the exit hook's last word. */
        String leftoverAdvice();

        /** The command that finishes what a kill would leave, or null when the journal cannot be written. */
        String resumeCommand();

        /** The command that uploads {@code path} by hand, for a plan the journal never got. */
        default String uploadCommand(Path path) {
            return "java -jar oss-agent.jar upload --model " + path;
        }

        /** Aborts the plan's upload, running or not yet begun (preemption: a newer save goes first). */
        default void abort(JournaledPlan plan, String reason) {
        }

        /** A preemption notice came: plans from now on are a rescue, until {@code deadline}. */
        default void preempted(Instant deadline) {
        }

        /** How to send by hand what a plan the journal could not take still has to send. */
        default String byHandCommand(JournaledPlan plan) {
            return "java -jar oss-agent.jar upload";
        }
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
    /** Guarded by itself: paths with a plan being planned or uploaded. */
    private final Set<Path> inFlight = new HashSet<>();
    /** Guarded by {@link #inFlight}: the newest plan waiting behind each path's plan in flight. */
    private final Map<Path, PlanSource> waiting = new HashMap<>();
    private final Set<Path> coalescingSaid = new HashSet<>();
    /** Guarded by {@link #inFlight}: paths whose plan is being made and journaled right now. */
    private final Set<Path> journaling = new HashSet<>();
    /** Guarded by {@link #inFlight}: paths whose plan was being journaled when exit stopped the journal. */
    private final Set<Path> cutOffAtExit = new HashSet<>();
    /** Guarded by {@link #inFlight}: the plan handed to the upload thread for each path, and whether before rescue. */
    private final Map<Path, Handed> handed = new HashMap<>();
    /** Guarded by {@link #inFlight}: set by a preemption notice, never unset. */
    private boolean rescuing;
    /** Guarded by itself: plans submitted and not finished, so the exit lines speak of these plans only. */
    private final List<JournaledPlan> unfinished = new ArrayList<>();
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
     * The async hand-off: the caller (the trainer's thread, in the target's return) only queues; planning
     * and the journal are written on the agent's journal thread, which then uploads the plan. The journal
     * thread never waits behind an upload. The plan counts as pending at once, so the exit hook waits for
     * it too. While a plan for the same path is in flight, this one waits instead, replacing any that was
     * waiting: it is planned (reading the file as the trainer left it last) when the one in flight is done.
     *
     * @param path the model path, absolute and normalized: plans for the same one coalesce
     */
    public void submitLater(Path path, PlanSource source) {
        synchronized (inFlight) {
            if (inFlight.add(path)) {
                plansPending.incrementAndGet();
            } else {
                if (rescuing) {
                    abortOlder(path);
                }
                if (waiting.put(path, source) == null) {
                    plansPending.incrementAndGet();
                } else if (coalescingSaid.add(path)) {
                    AgentLog.info("saves of " + path + " come faster than they upload; each upload takes the newest"
                            + " save, and the last save is always uploaded");
                }
                return;
            }
        }
        plan(path, source);
    }

    private void plan(final Path path, final PlanSource source) {
        synchronized (inFlight) {
            journaling.add(path);
        }
        journalExecutor().execute(new Runnable() {
            @Override
            public void run() {
                boolean uploading = false;
                try {
                    JournaledPlan plan = source.journaledPlan();
                    if (plan != null && !plan.persistent() && JournalWrites.stopped()) {
                        synchronized (inFlight) {
                            cutOffAtExit.add(path); // the exit hook stopped the journal while it was being written
                        }
                    }
                    if (plan != null) {
                        upload(plan, path);
                        uploading = true;
                    }
                } catch (Throwable t) {
                    AgentLog.error("could not plan the upload: " + t);
                } finally {
                    synchronized (inFlight) {
                        journaling.remove(path);
                        inFlight.notifyAll();
                    }
                    if (!uploading) {
                        next(path);
                    }
                    planDone();
                }
            }
        });
    }

    /** The path's plan in flight is done: the one waiting behind it (if any) goes next. */
    private void next(Path path) {
        PlanSource source;
        synchronized (inFlight) {
            source = waiting.remove(path);
            if (source == null) {
                inFlight.remove(path);
                return;
            }
        }
        // Counted when it began to wait: pending never touches 0 between the two plans.
        plan(path, source);
    }

    private void planDone() {
        if (plansPending.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /** Uploads a plan made on the caller's thread (sync mode): the ticket lets it wait. */
    public Ticket submit(JournaledPlan plan) {
        return upload(plan, null);
    }

    /** @param path when not null, the path whose next plan goes once this one is done */
    private Ticket upload(final JournaledPlan plan, final Path path) {
        final Ticket ticket = new Ticket();
        if (path != null) {
            synchronized (inFlight) {
                handed.put(path, new Handed(plan, !rescuing));
                if (rescuing && waiting.containsKey(path)) {
                    abortOlder(path); // a newer save came while this one was being planned
                }
            }
        }
        synchronized (unfinished) {
            unfinished.removeIf(JournaledPlan::finished);
            unfinished.add(plan);
        }
        plansPending.incrementAndGet();
        progress.planned(plan.pending().size(), plan.pendingBytes());
        if (progress.events() != null) {
            PlanEvent.write(progress.events(), plan);
        }
        executor().execute(new Runnable() {
            @Override
            public void run() {
                try {
                    uploader.upload(plan, progress);
                } catch (Throwable t) {
                    // An Error in the agent's thread stays in the agent's thread.
                    AgentLog.error("upload of " + plan.record().modelPath() + " failed: " + t);
                    progress.notFinished(plan.pending(), plan.pending().isEmpty() && plan.manifestPending());
                } finally {
                    if (path != null) {
                        synchronized (inFlight) {
                            handed.remove(path);
                        }
                        next(path);
                    }
                    planDone();
                    // Released last, so a sync caller never sees its plan still pending.
                    ticket.done.countDown();
                }
            }
        });
        return ticket;
    }

    /**
     * At exit: the plans waiting behind a path's plan in flight are made and journaled now (the trainer is
     * done writing), so that every save is in the journal before the exit hook says the journal keeps it.
     */
    public void journalWaitingNow() {
        Map<Path, PlanSource> now;
        synchronized (inFlight) {
            now = new HashMap<>(waiting);
            waiting.clear();
        }
        // Each was counted pending when it began to wait; plan() is balanced by that count.
        for (Map.Entry<Path, PlanSource> entry : now.entrySet()) {
            plan(entry.getKey(), entry.getValue());
        }
    }

    /** Waits until no plan is being made or journaled, at most {@code millis}; true when none is. */
    public boolean awaitJournaled(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (inFlight) {
            while (!journaling.isEmpty() || !waiting.isEmpty()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                inFlight.wait(left);
            }
        }
        return true;
    }

    /** The paths whose newest plan is not (yet) in the journal: being made, waiting, or cut off by exit. */
    public Set<Path> notJournaled() {
        synchronized (inFlight) {
            Set<Path> paths = new java.util.TreeSet<>(journaling);
            paths.addAll(waiting.keySet());
            paths.addAll(cutOffAtExit);
            return paths;
        }
    }

    public String uploadCommand(Path path) {
        return uploader.uploadCommand(path);
    }

    /** A plan on its way to OSS, and whether it was handed over before the notice (then it is an older save). */
    private static final class Handed {
        final JournaledPlan plan;
        final boolean beforeNotice;

        Handed(JournaledPlan plan, boolean beforeNotice) {
            this.plan = plan;
            this.beforeNotice = beforeNotice;
        }
    }

    /**
     * Preemption: from now on, for each path only the newest save is sent. An older save of a path whose newer
     * save waits is aborted (its multipart upload too), so the newest goes at once; the waiting ones are already
     * only the newest (see {@link #submitLater}). An upload begun after the notice is never aborted: it is the
     * rescue. Files of a plan go model files first, as planned.
     *
     * @param deadline when the machine is assumed gone
     * @return what will be sent in what order, for the notice's line; null when nothing is on its way
     */
    public String rescue(Instant deadline) {
        StringBuilder order = new StringBuilder();
        int aborted = 0;
        uploader.preempted(deadline);
        synchronized (inFlight) {
            rescuing = true;
            for (Path path : inFlight) {
                boolean newer = waiting.containsKey(path);
                if (newer && abortOlder(path)) {
                    aborted++;
                }
                order.append(order.length() == 0 ? "" : ", then ").append(newer ? "the newest save of " : "")
                        .append(path);
            }
        }
        if (order.length() == 0) {
            return null;
        }
        return "sending " + order + " (model files before data files)" + (aborted > 0 ? "; " + aborted
                + " older upload(s) of the same path aborted" : "");
    }

    /** Aborts the path's plan on its way to OSS if it was handed over before the notice; true when it did. */
    private boolean abortOlder(Path path) {
        Handed older = handed.get(path);
        if (older == null || !older.beforeNotice) {
            return false;
        }
        uploader.abort(older.plan, "preemption: a newer save of " + path + " goes first");
        handed.put(path, new Handed(older.plan, false)); // aborted once is enough
        return true;
    }

    public boolean isIdle() {
        return plansPending.get() == 0;
    }

    public UploadProgress progress() {
        return progress;
    }

    /** Where unfinished files wait and how to finish them: resume for journaled plans, upload for the others. */
    public String leftoverAdvice() {
        String byHand = byHand();
        if (byHand == null) {
            return uploader.leftoverAdvice();
        }
        return anyUnfinished(true) ? byHand + "; the rest: " + uploader.leftoverAdvice() : byHand;
    }


    /** Whether a kill now would lose anything, and how the rest is finished: the exit hook's first line. */
    public String killAdvice() {
        String resume = uploader.resumeCommand();
        String byHand = byHand();
        if (byHand == null) {
            return resume != null ? "kill -9 is safe: " + resume + " finishes the rest"
                    : "the upload journal cannot be written, so a kill now loses what is not yet uploaded";
        }
        return "a kill now loses " + byHand + (resume != null && anyUnfinished(true)
                ? "; " + resume + " finishes the rest" : "");
    }

    /** The files of unfinished plans that are in no journal and the upload commands that send them, or null. */
    private String byHand() {
        List<String> parts = new ArrayList<>();
        for (JournaledPlan plan : unfinishedPlans()) {
            if (!plan.persistent() && !plan.pending().isEmpty()) {
                parts.add(plan.pending().size() + " file(s) of " + plan.record().modelPath() + " that are in no"
                        + " journal (it could not be written); send them by hand with: " + uploader.byHandCommand(plan));
            }
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    private boolean anyUnfinished(boolean journaled) {
        for (JournaledPlan plan : unfinishedPlans()) {
            if (plan.persistent() == journaled) {
                return true;
            }
        }
        return false;
    }

    private List<JournaledPlan> unfinishedPlans() {
        synchronized (unfinished) {
            unfinished.removeIf(JournaledPlan::finished);
            return new ArrayList<>(unfinished);
        }
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
