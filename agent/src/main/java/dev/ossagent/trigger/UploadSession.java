package dev.ossagent.trigger;

import com.aliyun.oss.OSS;
import dev.ossagent.config.LocalHost;
import dev.ossagent.config.Settings;
import dev.ossagent.credentials.CredentialChain;
import dev.ossagent.credentials.CredentialsException;
import dev.ossagent.credentials.ResolvedCredentials;
import dev.ossagent.journal.JournalWrites;
import dev.ossagent.journal.JournalEntry;
import dev.ossagent.journal.JournaledPlan;
import dev.ossagent.journal.PlanRecord;
import dev.ossagent.journal.ResumeHint;
import dev.ossagent.journal.StateDir;
import dev.ossagent.log.AgentLog;
import dev.ossagent.preemption.RescueOrder;
import dev.ossagent.transfer.OrphanSweep;
import dev.ossagent.transfer.OssClients;
import dev.ossagent.transfer.PlanAbort;
import dev.ossagent.transfer.PlanOutcome;
import dev.ossagent.transfer.PlanRunner;
import dev.ossagent.transfer.PreemptedManifest;
import dev.ossagent.transfer.UploadProgress;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The agent's upload of one plan, on the upload thread: resolve credentials, open one client, run the
 * plan, shut the client down, and say what is left and how to finish it.
 */
public final class UploadSession implements UploadQueue.Uploader {
    private final Settings settings;
    private final StateDir stateDir;
    private final java.util.Set<String> identitiesSaid = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Each plan's abort switch, made when the queue first names the plan: before or while it runs. */
    private final Map<JournaledPlan, PlanAbort> aborts = Collections.synchronizedMap(new WeakHashMap<>());

    /** Set by a preemption notice: plans then go in rescue order and write a preempted manifest. */
    private volatile Instant deadline;
    /** The plan being uploaded, if any: told of a notice that comes while it runs. */
    private volatile PlanRunner running;
    private final AtomicBoolean swept = new AtomicBoolean();

    public UploadSession(Settings settings, StateDir stateDir) {
        this.settings = settings;
        this.stateDir = stateDir;
    }

    @Override
    public void upload(JournaledPlan plan, UploadProgress progress) {
        int files = plan.pending().size();
        int left = files;
        try {
            if (plan.record().host() == null) {
                plan.recordHost(LocalHost.name());
            }
            ResolvedCredentials credentials = resolveCredentials();
            if (credentials != null) {
                OSS client = OssClients.create(settings, credentials);
                try {
                    PlanRunner runner = new PlanRunner(client, settings, credentials, abortOf(plan))
                            .preemptedWhen(() -> deadline != null, pending -> rescueOrder(plan, pending, progress));
                    running = runner;
                    PlanOutcome outcome = runner.run(plan, progress);
                    left = outcome.left();
                    PlanRecord record = plan.record();
                    progress.settled(outcome.manifestWritten()
                            ? record.manifestBucket() + "/" + record.manifestKey() : null, outcome.latestWritten()
                            ? record.manifestBucket() + "/" + record.latestKey() : null);
                    if (left == 0 && stateDir.usable() && swept.compareAndSet(false, true)) {
                        // Once per JVM, with an endpoint just shown to work: what earlier runs left incomplete.
                        OrphanSweep.run(client, settings, stateDir.checkpoints());
                    }
                } finally {
                    running = null;
                    client.shutdown();
                }
            } else {
                for (int i = 0; i < files; i++) {
                    progress.fileDone(0, 0);
                }
            }
        } catch (IOException e) {
            if (!JournalWrites.stopped()) { // at exit the journal stops taking writes: the exit hook says what is left
                AgentLog.warn("could not update the upload journal (" + e.getMessage() + ")");
            }
        } finally {
            plan.close();
            progress.notFinished(plan.pending(), plan.pending().isEmpty() && plan.manifestPending());
            progress.refused(plan.refusedCount());
            if (left > 0) {
                AgentLog.error(left + " of " + files + " files from " + plan.record().modelPath()
                        + " were not uploaded; " + (plan.persistent() ? leftoverAdvice()
                        : "they are in no journal (it could not be written, see above); send them by hand with: "
                        + byHandCommand(plan)));
            }
        }
    }

    @Override
    public void preempted(Instant deadline) {
        this.deadline = deadline;
        PlanRunner runner = running;
        if (runner != null) {
            // Its own thread: the notice's thread may be the TERM handler, which must hand the signal on at once.
            Thread thread = new Thread(runner::noticeWhileRunning, "oss-agent-preempted-manifest");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private List<List<JournalEntry>> rescueOrder(JournaledPlan plan, List<JournalEntry> files,
                                                 UploadProgress progress) {
        double secondsLeft = Duration.between(Instant.now(), deadline).toMillis() / 1000.0;
        return RescueOrder.groups(files, entry -> PreemptedManifest.isModelFile(plan.record(), entry), JournalEntry::size,
                progress.recentBytesPerSecond(), secondsLeft);
    }

    @Override
    public void abort(JournaledPlan plan, String reason) {
        abortOf(plan).abort(reason);
    }

    private PlanAbort abortOf(JournaledPlan plan) {
        return aborts.computeIfAbsent(plan, p -> new PlanAbort());
    }

    @Override
    public String resumeCommand() {
        return stateDir.usable() ? ResumeHint.command(settings.file(), stateDir.path()) : null;
    }

    @Override
    public String uploadCommand(java.nio.file.Path path) {
        return ResumeHint.uploadCommand(settings.file(), path);
    }

    @Override
    public String byHandCommand(JournaledPlan plan) {
        return ByHandCommand.of(settings.file(), plan.record(), plan.pending());
    }

    @Override
    public String leftoverAdvice() {
        if (!stateDir.usable()) {
            return "they are in no journal (the state dir is not usable, see above), so upload them with "
                    + ResumeHint.javaJar() + " upload";
        }
        return "the upload journal in " + stateDir.path().resolve("journal") + " keeps them; finish with: "
                + resumeCommand();
    }

    private ResolvedCredentials resolveCredentials() {
        try {
            ResolvedCredentials resolved = CredentialChain.of(settings, System.getenv()).resolve();
            // Once per identity (tier and key id) in this JVM, not once per upload: 10,000 saves were 4,107 lines.
            if (identitiesSaid.add(resolved.toString())) {
                AgentLog.info("credentials: " + resolved.describe());
            }
            return resolved;
        } catch (CredentialsException e) {
            AgentLog.errorOnce(e.getMessage()); // the preflight or an earlier plan may have said it
            return null;
        }
    }
}
