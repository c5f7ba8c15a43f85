package dev.ossagent.cli;

import dev.ossagent.config.Settings;
import dev.ossagent.log.AgentLog;
import dev.ossagent.log.JsonLine;
import dev.ossagent.manifest.StoredManifest;
import dev.ossagent.manifest.UnreadableJson;
import dev.ossagent.runs.RunIndex;
import dev.ossagent.runs.StoredRun;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code list --runs}: one row per run under the model prefix, oldest first. A run with a manifest is complete and
 * shown from it; a run folder with objects and no manifest is incomplete and shown from the listing; a manifest that
 * cannot be read is one warning naming it and a row from the listing.
 */
final class RunsTable {
    /** Run names are short (a job id, a date); a longer one, read from a manifest in the bucket, is cut. */
    static final int RUN_WIDTH = 80;

    private final CliContext context;
    private final Settings settings;
    private final int pageSize;
    private final boolean json;

    RunsTable(CliContext context, Settings settings, int pageSize, boolean json) {
        this.context = context;
        this.settings = settings;
        this.pageSize = pageSize;
        this.json = json;
    }

    int print() throws CliException {
        List<StoredRun> runs;
        String where;
        String bucket;
        try (RunStore store = RunStore.open(settings, context)) {
            bucket = store.bucket;
            where = store.bucket + "/" + store.prefix.base();
            runs = runs(store, store.index(pageSize));
        }
        runs.sort(Comparator.comparing((StoredRun run) -> run.time, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(run -> run.name));
        if (json) {
            for (StoredRun run : runs) {
                // The same names as the events file's for the same facts (docs/cli-json.md).
                context.out().println(new JsonLine().put("run", run.name).put("bucket", bucket)
                        .put("folder", run.folder).put("started", run.time == null ? null : run.time.toString())
                        .put("fileCount", run.files).put("bytes", run.bytes)
                        .put("state", run.state.name().toLowerCase(Locale.ROOT)));
            }
            return ExitCodes.OK;
        }
        TextTable table = new TextTable(new String[] {"RUN", "STARTED (UTC)", "FILES", "BYTES", "STATE"},
                new boolean[] {false, false, true, true, false}, RUN_WIDTH);
        int complete = 0;
        for (StoredRun run : runs) {
            complete += run.state == StoredRun.State.COMPLETE ? 1 : 0;
            table.add(run.name, run.time == null ? "-" : run.time.truncatedTo(ChronoUnit.SECONDS).toString(),
                    Long.toString(run.files), Long.toString(run.bytes), state(run.state));
        }
        table.print(context.out());
        context.out().println(Plural.of(runs.size(), "run") + " under " + where + ": " + complete + " complete, "
                + (runs.size() - complete) + " not");
        return ExitCodes.OK;
    }

    private static List<StoredRun> runs(RunStore store, RunIndex index) throws CliException {
        List<StoredRun> runs = new ArrayList<>();
        for (RunIndex.Found found : index.manifests()) {
            try {
                StoredManifest manifest = StoredManifest.parse(store.text(store.bucket, found.key));
                String name = manifest.run() != null ? manifest.run() : index.nameOf(found);
                // The run's start, not its last checkpoint's (each checkpoint's plan rewrites the manifest): the
                // earliest of the run's start as the manifest gives it, its plan time, and the folder's oldest object.
                Instant time = earliest(manifest.runStarted(), earliest(manifest.started(),
                        index.fromListing(null, found, null).time));
                runs.add(new StoredRun(name, found.folder, time, manifest.files().size(), manifest.bytes(),
                        manifest.preempted() ? StoredRun.State.PREEMPTED : StoredRun.State.COMPLETE));
            } catch (UnreadableJson | IOException e) {
                AgentLog.warn("manifest " + store.bucket + "/" + found.key + " cannot be read (" + e.getMessage()
                        + "); its run is shown from the listing");
                runs.add(index.fromListing(index.nameOf(found), found, StoredRun.State.UNREADABLE));
            } catch (CliException e) {
                if (e.exitCode() != ExitCodes.MISSING) {
                    throw e;
                }
                AgentLog.warn("manifest " + store.bucket + "/" + found.key + " was deleted while listed; its run is"
                        + " shown from the listing");
                runs.add(index.fromListing(index.nameOf(found), found, StoredRun.State.INCOMPLETE));
            }
        }
        runs.addAll(index.incomplete());
        return runs;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private static String state(StoredRun.State state) {
        switch (state) {
            case COMPLETE: return "complete";
            case INCOMPLETE: return "INCOMPLETE (no manifest)";
            case PREEMPTED: return "PREEMPTED (model files complete, others missing)";
            default: return "UNREADABLE manifest";
        }
    }
}
