package dev.ossagent.trigger;

import com.aliyun.oss.OSS;
import dev.ossagent.config.LocalHost;
import dev.ossagent.config.Settings;
import dev.ossagent.credentials.CredentialChain;
import dev.ossagent.credentials.CredentialsException;
import dev.ossagent.credentials.ResolvedCredentials;
import dev.ossagent.journal.JournaledPlan;
import dev.ossagent.journal.ResumeHint;
import dev.ossagent.journal.StateDir;
import dev.ossagent.log.AgentLog;
import dev.ossagent.transfer.OrphanSweep;
import dev.ossagent.transfer.OssClients;
import dev.ossagent.transfer.PlanRunner;
import dev.ossagent.transfer.UploadProgress;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The agent's upload of one plan, on the upload thread: resolve credentials, open one client, run the
 * plan, shut the client down, and say what is left and how to finish it.
 */
public final class UploadSession implements UploadQueue.Uploader {
    private final Settings settings;
    private final StateDir stateDir;
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
                    left = new PlanRunner(client, settings, credentials).run(plan, progress).left();
                    if (left == 0 && stateDir.usable() && swept.compareAndSet(false, true)) {
                        // Once per JVM, with an endpoint just shown to work: what earlier runs left incomplete.
                        OrphanSweep.run(client, settings, stateDir.checkpoints());
                    }
                } finally {
                    client.shutdown();
                }
            } else {
                for (int i = 0; i < files; i++) {
                    progress.fileDone(0, 0);
                }
            }
        } catch (IOException e) {
            AgentLog.warn("could not update the upload journal (" + e.getMessage() + ")");
        } finally {
            plan.close();
            progress.notFinished(plan.pending().size(), plan.pending().isEmpty() && plan.manifestPending());
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
    public String resumeCommand() {
        return stateDir.usable() ? ResumeHint.command(settings.file(), stateDir.path()) : null;
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
            AgentLog.info("credentials: " + resolved.describe());
            return resolved;
        } catch (CredentialsException e) {
            AgentLog.error(e.getMessage());
            return null;
        }
    }
}
