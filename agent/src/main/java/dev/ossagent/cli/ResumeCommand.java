package dev.ossagent.cli;

import com.aliyun.oss.OSS;
import dev.ossagent.config.Settings;
import dev.ossagent.config.SettingsException;
import dev.ossagent.credentials.ResolvedCredentials;
import dev.ossagent.events.Events;
import dev.ossagent.journal.Journal;
import dev.ossagent.journal.JournaledPlan;
import dev.ossagent.journal.PlanRecord;
import dev.ossagent.journal.StateDir;
import dev.ossagent.journal.UntrustedJournalFile;
import dev.ossagent.log.AgentLog;
import dev.ossagent.log.Sizes;
import dev.ossagent.transfer.OrphanSweep;
import dev.ossagent.transfer.PlanOutcome;
import dev.ossagent.transfer.PlanRunner;
import dev.ossagent.transfer.UploadProgress;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import static dev.ossagent.config.SettingNames.DATA_BUCKET;
import static dev.ossagent.config.SettingNames.MODEL_BUCKET;

/** {@code resume}: finish what the journal holds, after a crash, a kill, an exit timeout or a fixed key. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {
            "Upload what the agent's journal (ossagent.state.dir, default ~/.oss-agent) still holds: files left by"
                + " a crash, kill -9, an exit timeout or an error since fixed (a wrong key, a missing bucket)."
                + " Multipart uploads go on from their checkpoints, so parts already in OSS are not sent again."
                + " Each plan's manifest is written once all its files are verified.",
            "Plans another running JVM is uploading, and plans made for another endpoint, are left alone;"
                + " --any-endpoint sends the latter to the configured endpoint (after a wrong endpoint was fixed),"
                + " --retarget sends plans to the endpoint, buckets and prefixes configured now, --drop PLAN forgets"
                + " one."})
final class ResumeCommand extends CliCommand {
    @Option(names = "--list", description = "Only show what the journal holds; send nothing.")
    boolean list;

    @Option(names = "--any-endpoint", description = "Also resume plans made for another endpoint, sending them to the"
            + " configured one: for files kept because ossagent.endpoint was wrong. Their multipart uploads start"
            + " again (an upload id belongs to the endpoint that issued it).")
    boolean anyEndpoint;

    @Option(names = "--retarget", description = "Send the plans to the endpoint, buckets and prefixes configured now"
            + " instead of those they were made for (after a typo in a bucket or prefix was fixed); the journal is"
            + " rewritten, and a line per plan says what moved where.")
    boolean retarget;

    @Option(names = "--drop", paramLabel = "PLAN", description = "Drop this plan (its id, as --list shows it) from the"
            + " journal: its files will not be uploaded. Sends nothing.")
    String drop;

    ResumeCommand(CliContext context) {
        super(context);
    }

    @Override
    int run() throws CliException {
        Settings settings = CliSettings.load(common, context);
        StateDir stateDir = StateDir.at(settings.stateDir());
        Journal journal = stateDir.journal();
        if (journal == null) {
            throw new CliException(ExitCodes.FAILED, stateDir.problem() + "; resume uses no plan from it");
        }
        PrintStream out = context.out();
        List<JournaledPlan> plans = new ArrayList<>();
        try {
            if (drop != null) {
                return drop(journal, out);
            }
            int leftAlone = open(journal, settings, plans);
            if (plans.isEmpty()) {
                out.println(leftAlone == 0 ? "nothing to resume: the journal in " + journal.dir() + " is empty"
                        : "nothing to resume here; " + leftAlone + " plan(s) left alone (see above)");
                if (!list) {
                    sweepOnly(settings, stateDir);
                }
                return leftAlone == 0 ? ExitCodes.OK : ExitCodes.FAILED;
            }
            if (list) {
                for (JournaledPlan plan : plans) {
                    out.println(describe(plan));
                }
                return ExitCodes.OK;
            }
            if (retarget) {
                for (JournaledPlan plan : plans) {
                    try {
                        out.println(PlanRetarget.apply(plan, settings));
                    } catch (IOException e) {
                        throw new CliException(ExitCodes.FAILED, "cannot rewrite plan " + plan.record().id() + " in the"
                                + " journal: " + e.getMessage());
                    } catch (SettingsException e) {
                        throw new CliException(ExitCodes.USAGE, e.getMessage());
                    }
                }
            }
            return resume(settings, plans, leftAlone);
        } finally {
            for (JournaledPlan plan : plans) {
                plan.close();
            }
        }
    }

    /** Takes over every plan it may; returns how many it left alone. */
    private int open(Journal journal, Settings settings, List<JournaledPlan> plans) throws CliException {
        int leftAlone = 0;
        try {
            journal.removeIncomplete();
            for (String id : journal.planIds()) {
                JournaledPlan plan;
                try {
                    plan = journal.open(id);
                } catch (UntrustedJournalFile e) {
                    AgentLog.error(e.getMessage());
                    leftAlone++;
                    continue;
                } catch (IOException e) {
                    AgentLog.warn("journal plan " + id + " is unreadable (" + e.getMessage() + "); left as it is");
                    leftAlone++;
                    continue;
                }
                if (plan == null) {
                    AgentLog.info("plan " + id + " is being uploaded by another process; left to it");
                    leftAlone++;
                } else if (!anyEndpoint && !retarget && !plan.record().endpoint().equals(settings.endpoint().url())) {
                    AgentLog.warn("plan " + id + " was made for " + plan.record().endpoint() + ", not "
                            + settings.endpoint().url() + "; left alone (resume it with the settings that name that"
                            + " endpoint, or, if that endpoint was wrong, add --any-endpoint to send it to "
                            + settings.endpoint().url() + ")");
                    plan.close();
                    leftAlone++;
                } else {
                    plans.add(plan);
                }
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "cannot read the journal in " + journal.dir() + ": " + e.getMessage());
        }
        return leftAlone;
    }

    private int drop(Journal journal, PrintStream out) throws CliException {
        JournaledPlan plan;
        try {
            plan = journal.planIds().contains(drop) ? journal.open(drop) : null;
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "cannot read plan " + drop + ": " + e.getMessage());
        }
        if (plan == null) {
            throw new CliException(ExitCodes.FAILED, "no plan " + drop + " to drop in " + journal.dir() + " (or another"
                    + " process is uploading it); resume --list shows the plans");
        }
        String what = describe(plan);
        plan.drop();
        out.println("dropped " + what + "; none of it will be uploaded");
        return ExitCodes.OK;
    }

    private int resume(Settings settings, List<JournaledPlan> plans, int leftAlone) throws CliException {
        ResolvedCredentials credentials = CliClient.credentials(settings, context);
        AgentLog.info("credentials: " + credentials.source() + ", id " + credentials.credentials().maskedId());
        OSS client = CliClient.open(settings, credentials, false);
        int uploaded = 0;
        int unchanged = 0;
        int left = 0;
        int gone = 0;
        int manifests = 0;
        RuntimeException firstFailure = null;
        String failedBucket = null;
        try {
            PlanRunner runner = new PlanRunner(client, settings, credentials);
            Events events = CliEvents.open(settings, context, common);
            for (JournaledPlan plan : plans) {
                context.out().println("resuming " + describe(plan));
                UploadProgress progress = new UploadProgress();
                progress.events(events);
                PlanOutcome outcome = runner.run(plan, progress);
                uploaded += outcome.uploaded();
                unchanged += outcome.unchanged();
                left += outcome.left();
                gone += outcome.gone();
                manifests += outcome.manifestWritten() ? 1 : 0;
                if (firstFailure == null && outcome.firstFailure() != null) {
                    firstFailure = outcome.firstFailure();
                    failedBucket = plan.pending().isEmpty() ? plan.record().manifestBucket()
                            : plan.pending().get(0).bucket();
                }
                plan.close();
            }
            if (firstFailure == null) {
                OrphanSweep.run(client, settings, StateDir.at(settings.stateDir()).checkpoints());
            }
        } finally {
            client.shutdown();
        }
        context.out().println("resume: " + uploaded + " file(s) uploaded, " + unchanged + " already in OSS, " + left
                + " left in the journal" + (gone > 0 ? ", " + gone + " no longer on disk" : "") + "; " + manifests
                + " manifest(s) written");
        if (firstFailure != null) {
            String setting = failedBucket != null && failedBucket.equals(settings.dataBucket()) ? DATA_BUCKET : MODEL_BUCKET;
            return new OssFailures(settings, credentials).explain(firstFailure, "resume", failedBucket, setting).exitCode();
        }
        return left > 0 || leftAlone > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /** Nothing to resume: still abort what earlier runs left incomplete in OSS, when the credentials allow. */
    private void sweepOnly(Settings settings, StateDir stateDir) {
        if (settings.transfer().orphanAge() == null) {
            return;
        }
        ResolvedCredentials credentials;
        try {
            credentials = CliClient.credentials(settings, context);
        } catch (CliException e) {
            AgentLog.info("incomplete multipart uploads not checked: " + e.getMessage());
            return;
        }
        OSS client = CliClient.open(settings, credentials, false);
        try {
            OrphanSweep.run(client, settings, stateDir.checkpoints());
        } finally {
            client.shutdown();
        }
    }

    private static String describe(JournaledPlan plan) {
        PlanRecord record = plan.record();
        return "plan " + record.id() + " (" + record.trainer() + " returned " + record.modelPath() + " at "
                + Instant.ofEpochMilli(record.startedMillis()).truncatedTo(ChronoUnit.SECONDS) + "): "
                + plan.pending().size() + " file(s), " + Sizes.human(plan.pendingBytes()) + " to upload"
                + (plan.manifestPending() ? ", manifest to write" : "");
    }
}
