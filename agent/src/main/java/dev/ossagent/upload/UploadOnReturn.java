package dev.ossagent.upload;

import dev.ossagent.config.Settings;
import dev.ossagent.instrument.ModelReturnListener;
import dev.ossagent.log.AgentLog;
import java.nio.file.Path;

/** The agent's answer to a {@code train} return: plan the upload, then queue it (or run it, in sync mode). */
public final class UploadOnReturn implements ModelReturnListener {
    private final Settings settings;
    private final UploadQueue queue;

    public UploadOnReturn(Settings settings, UploadQueue queue) {
        this.settings = settings;
        this.queue = queue;
    }

    @Override
    public void modelReturned(Object returned, String trainerClass, String method) {
        String trainer = trainerClass + "#" + method;
        Path path = ReturnedPath.of(returned);
        if (path == null) {
            AgentLog.warn(trainer + " returned a " + returned.getClass().getName()
                    + ", not a path (String, Path, File or file: URI); nothing uploaded");
            return;
        }
        if (!path.isAbsolute()) {
            AgentLog.info(trainer + " returned the relative path " + path + "; resolved against the working directory "
                    + path.toAbsolutePath().getParent());
        }
        UploadPlan plan = new UploadPlanner(settings).plan(path, trainer);
        if (settings.dryRun()) {
            PlanPrinter.print(plan, true);
            return;
        }
        if (plan.files().isEmpty()) {
            AgentLog.warn("nothing to upload for " + plan.modelPath());
            return;
        }
        UploadQueue.Ticket ticket = queue.submit(plan);
        if (settings.uploadMode() == Settings.UploadMode.SYNC) {
            ticket.await();
        }
    }
}
