package dev.ossagent.cli;

import dev.ossagent.config.Settings;
import dev.ossagent.log.JsonLine;
import dev.ossagent.runs.RunIndex;
import dev.ossagent.runs.StoredRun;
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
    /** {@code --limit}: the newest N runs only; null for all. */
    private final Integer limit;

    RunsTable(CliContext context, Settings settings, int pageSize, boolean json, Integer limit) {
        this.context = context;
        this.settings = settings;
        this.pageSize = pageSize;
        this.json = json;
        this.limit = limit;
    }

    int print() throws CliException {
        List<StoredRun> runs;
        String where;
        String bucket;
        try (RunStore store = RunStore.open(settings, context)) {
            bucket = store.bucket;
            where = store.bucket + "/" + store.prefix.base();
            runs = limit == null ? all(store) : newest(store, store.index(pageSize));
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
        context.out().println((limit != null ? runs.size() + " newest " + (runs.size() == 1 ? "run" : "runs")
                : Plural.of(runs.size(), "run")) + " under " + where + ": " + complete + " complete, "
                + (runs.size() - complete) + " not");
        return ExitCodes.OK;
    }

    /** Every run: each manifest's read starts as the listing finds it, so reads overlap the listing's pages. */
    private List<StoredRun> all(RunStore store) throws CliException {
        try (ManifestReads reads = new ManifestReads(store)) {
            RunIndex index = store.index(pageSize, new RunIndex(store.prefix, reads::submit));
            List<StoredRun> runs = reads.runs(index);
            runs.addAll(index.incomplete());
            return runs;
        }
    }

    /**
     * The newest {@code limit} runs by the listing's time (a manifest's last-modified time, an incomplete run's oldest
     * object); only their manifests are read.
     */
    private List<StoredRun> newest(RunStore store, RunIndex index) throws CliException {
        List<RunIndex.Found> manifests = new ArrayList<>(index.manifests());
        List<StoredRun> incomplete = index.incomplete();
        Comparator<Instant> newestFirst = Comparator.nullsLast(Comparator.<Instant>reverseOrder());
        manifests.sort(Comparator.comparing((RunIndex.Found found) -> found.lastModified, newestFirst));
        incomplete.sort(Comparator.comparing((StoredRun run) -> run.time, newestFirst));
        List<StoredRun> keptIncomplete = new ArrayList<>();
        try (ManifestReads reads = new ManifestReads(store)) {
            int m = 0;
            int i = 0;
            while (m + i < limit && (m < manifests.size() || i < incomplete.size())) {
                boolean takeManifest = i >= incomplete.size() || (m < manifests.size()
                        && newestFirst.compare(manifests.get(m).lastModified, incomplete.get(i).time) <= 0);
                if (takeManifest) {
                    reads.submit(manifests.get(m++));
                } else {
                    keptIncomplete.add(incomplete.get(i++));
                }
            }
            List<StoredRun> runs = reads.runs(index);
            runs.addAll(keptIncomplete);
            return runs;
        }
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
