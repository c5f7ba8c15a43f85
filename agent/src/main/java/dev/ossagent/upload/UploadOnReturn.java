package dev.ossagent.upload;

import dev.ossagent.config.Settings;
import dev.ossagent.instrument.ModelReturnListener;
import dev.ossagent.journal.Journal;
import dev.ossagent.journal.JournalEntry;
import dev.ossagent.journal.JournaledPlan;
import dev.ossagent.journal.PlanRecord;
import dev.ossagent.log.AgentLog;
import dev.ossagent.manifest.Manifest;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's answer to a {@code train} return: plan the upload, write it to the journal (here, on the
 * trainer's thread, so a crash a moment later still leaves it for {@code resume}), then queue it (or
 * run it, in sync mode).
 */
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
            AgentLog.warn(trainer + " returned " + ReturnedPath.describe(returned)
                    + " (String, Path, File or file: URI expected); nothing uploaded");
            return;
        }
        if (!path.isAbsolute()) {
            AgentLog.info(trainer + " returned the relative path " + path + "; resolved against the working directory "
                    + Paths.get("").toAbsolutePath());
        }
        UploadPlan plan = new UploadPlanner(settings).plan(path, trainer);
        if (settings.dryRun()) {
            PlanPrinter.print(plan, true);
            return;
        }
        if (plan.files().isEmpty()) {
            if (plan.missing().isEmpty()) { // otherwise each skipped entry has had its line
                AgentLog.warn("nothing to upload for " + plan.modelPath());
            }
            return;
        }
        UploadQueue.Ticket ticket = queue.submit(journal(plan));
        if (settings.uploadMode() == Settings.UploadMode.SYNC) {
            ticket.await();
        }
    }

    private JournaledPlan journal(UploadPlan plan) {
        List<JournalEntry> entries = new ArrayList<>();
        for (PlannedFile file : plan.files()) {
            entries.add(new JournalEntry(entries.size() + 1, file.path(), file.bucket(), file.key(), file.size()));
        }
        PlanRecord record = PlanRecord.now(plan.trainer(), plan.modelPath().toString(), settings.endpoint().url(),
                settings.modelBucket(), settings.modelPrefix() + Manifest.FILE_NAME);
        Journal journal = new Journal(settings.stateDir());
        try {
            return journal.record(record, entries);
        } catch (IOException | RuntimeException e) {
            AgentLog.warn("could not write the upload journal in " + journal.dir() + " (" + e
                    + "); uploading without it, so a crash or exit timeout would leave nothing to resume");
            return JournaledPlan.inMemory(record, entries);
        }
    }
}
