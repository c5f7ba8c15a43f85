package dev.ossagent.trigger;

import dev.ossagent.config.Settings;
import dev.ossagent.instrument.PathRule;
import dev.ossagent.instrument.TrainCall;
import dev.ossagent.instrument.TrainListener;
import dev.ossagent.instrument.WovenMethods;
import dev.ossagent.journal.Journal;
import dev.ossagent.journal.JournalEntry;
import dev.ossagent.journal.JournalWrites;
import dev.ossagent.journal.JournaledPlan;
import dev.ossagent.journal.PlanRecord;
import dev.ossagent.journal.StateDir;
import dev.ossagent.log.AgentLog;
import dev.ossagent.manifest.Manifest;
import dev.ossagent.plan.PlanPrinter;
import dev.ossagent.plan.PlannedFile;
import dev.ossagent.plan.UploadPlan;
import dev.ossagent.plan.UploadPlanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The agent's answer to a target's normal return: plan the upload, write it to the journal (at once, so a
 * crash a moment later still leaves it for {@code resume}), then upload it. In async mode the trainer's
 * thread only hands the path over and the agent's journal thread does the rest; in sync mode (and a dry
 * run) the trainer's thread does it all and waits.
 */
public final class UploadOnReturn implements TrainListener {
    private final Settings settings;
    private final StateDir stateDir;
    private final UploadQueue queue;
    private final AtomicBoolean warnedNoJournal = new AtomicBoolean();
    /** "trainer scheme" pairs already noted: one note each, however often they save there. */
    private final Set<String> remoteSaid = Collections.newSetFromMap(new ConcurrentHashMap<String, Boolean>());
    /** "trainer path" pairs whose relative path was noted. */
    private final Set<String> relativeSaid = Collections.newSetFromMap(new ConcurrentHashMap<String, Boolean>());

    public UploadOnReturn(Settings settings, StateDir stateDir, UploadQueue queue) {
        this.settings = settings;
        this.stateDir = stateDir;
        this.queue = queue;
    }

    @Override
    public void trainFinished(TrainCall call) {
        if (call.thrown() != null) {
            return; // a save that failed leaves nothing to upload
        }
        PathRule rule = WovenMethods.pathRule(call.trainerClass(), call.method(), call.descriptor());
        Object value = rule.pick(call.returned(), call.arguments());
        if (!call.enclosing().isEmpty() && partOfEnclosing(call, value)) {
            return;
        }
        modelPath(value, rule.source(call.returned()), call.trainerClass(), call.method());
    }

    /**
     * A nested watched call is part of an enclosing one (uploads once, for the outermost) when an enclosing call is
     * the same method (super.train, recursion, overloads delegating to each other) or was handed the same path.
     * Any other nested call, a checkpoint saved inside a watched fit, uploads its path now, while training runs.
     */
    private static boolean partOfEnclosing(TrainCall call, Object value) {
        Path path = value == null ? null : ReturnedPath.of(value);
        if (path == null) {
            return true; // nothing of its own to upload: as before, left to the enclosing call
        }
        Path own = path.toAbsolutePath().normalize();
        for (TrainCall.Enclosing outer : call.enclosing()) {
            if (outer.method().equals(call.method())) {
                return true;
            }
            for (Object argument : outer.arguments()) {
                Path given = argument == null || ReturnedPath.remoteScheme(argument) != null ? null
                        : ReturnedPath.of(argument);
                if (given != null && given.toAbsolutePath().normalize().equals(own)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A target returned normally and {@code value} is its model path, as the method's path rule picked it.
     *
     * @param parameter 0 when the value was returned, else the 1-based parameter it was passed as
     */
    public void modelPath(Object value, int parameter, String trainerClass, String method) {
        if (value == null) {
            return;
        }
        final String trainer = trainerClass + "#" + method;
        String remote = ReturnedPath.remoteScheme(value);
        if (remote != null) {
            if (remoteSaid.add(trainer + " " + remote)) {
                AgentLog.info(trainer + " saved to " + remote + "://, not to a local file; only local files are"
                        + " uploaded, so its saves there are not (said once)");
            }
            return;
        }
        final Path path = ReturnedPath.of(value);
        String given = parameter == 0 ? " returned " : " was given ";
        if (path == null) {
            AgentLog.warn(trainer + (parameter == 0 ? " returned " : " parameter " + parameter + " is ")
                    + ReturnedPath.describe(value) + " (String, Path, File or file: URI expected); nothing uploaded");
            return;
        }
        if (!path.isAbsolute() && relativeSaid.add(trainer + " " + path)) {
            // Once per method and path: a checkpoint saved every few seconds is not a line each time.
            AgentLog.info(trainer + given + "the relative path " + path + "; resolved against the working directory "
                    + Paths.get("").toAbsolutePath());
        }
        if (settings.uploadMode() == Settings.UploadMode.ASYNC && !settings.dryRun()) {
            // The target returns at once: planning and the journal (file system work, ~ms) run on the agent's
            // journal thread, which writes it as soon as this thread would have (see bench/train-latency.sh).
            queue.submitLater(path.toAbsolutePath().normalize(), new UploadQueue.PlanSource() {
                @Override
                public JournaledPlan journaledPlan() {
                    return planAndJournal(path, trainer);
                }
            });
            return;
        }
        JournaledPlan plan = planAndJournal(path, trainer);
        if (plan != null) {
            queue.submit(plan).await();
        }
    }

    /** The journaled plan, or null when there is nothing to upload (or in a dry run, once printed). */
    private JournaledPlan planAndJournal(Path path, String trainer) {
        UploadPlan plan = new UploadPlanner(settings).plan(path, trainer);
        if (settings.dryRun()) {
            PlanPrinter.print(plan, true);
            return null;
        }
        if (plan.files().isEmpty()) {
            if (plan.missing().isEmpty()) { // otherwise each skipped entry has had its line
                AgentLog.warn("nothing to upload for " + plan.modelPath());
            }
            return null;
        }
        return journal(plan);
    }

    private JournaledPlan journal(UploadPlan plan) {
        List<JournalEntry> entries = new ArrayList<>();
        for (PlannedFile file : plan.files()) {
            entries.add(new JournalEntry(entries.size() + 1, file.path(), file.bucket(), file.key(), file.size(),
                    modifiedMillis(file)));
        }
        PlanRecord record = PlanRecord.now(plan.trainer(), plan.modelPath().toString(), settings.endpoint().url(),
                settings.modelBucket(), settings.modelPrefix() + Manifest.FILE_NAME)
                .withData(settings.dataBucket(), settings.dataPrefix()).withGaps(plan.gaps())
                .withRun(settings.run().id(), settings.run().rankOrZero(), settings.latest());
        Journal journal = stateDir.journal();
        if (journal == null) {
            if (warnedNoJournal.compareAndSet(false, true)) {
                AgentLog.warn(stateDir.problem() + ". Uploading without a journal, so a crash or exit timeout would"
                        + " leave nothing to resume");
            }
            return JournaledPlan.inMemory(record, entries);
        }
        try {
            return journal.record(record, entries);
        } catch (IOException | RuntimeException e) {
            if (JournalWrites.stopped()) {
                return JournaledPlan.inMemory(record, entries); // exit came first: the exit hook names the path
            }
            AgentLog.warn("could not write the upload journal in " + journal.dir() + " (" + e
                    + "); uploading without it, so a crash or exit timeout would leave nothing to resume");
            return JournaledPlan.inMemory(record, entries);
        }
    }

    /** What the plan saw of the file, so that a resume days later can tell when it is no longer that file. */
    private static long modifiedMillis(PlannedFile file) {
        try {
            return Files.getLastModifiedTime(file.path()).toMillis();
        } catch (IOException e) {
            return -1;
        }
    }
}
