package dev.ossagent.cli;

import static dev.ossagent.config.SettingNames.MODEL_BUCKET;

import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.OSSObject;
import dev.ossagent.config.Settings;
import dev.ossagent.download.FetchOutcome;
import dev.ossagent.download.FileFetch;
import dev.ossagent.download.LocalTarget;
import dev.ossagent.download.ObjectSource;
import dev.ossagent.download.UnsafeTarget;
import dev.ossagent.journal.OwnerCheck;
import dev.ossagent.log.AgentLog;
import dev.ossagent.log.Printable;
import dev.ossagent.manifest.StoredManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code download RUN DIR}: a run's files, each verified against its manifest, resumable. */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = {
            "Download the files of a run (a name from list --runs, or 'latest' for the run ossagent.latest points at)"
                + " into DIR, each at its key relative to the run's folder (a file outside that folder, such as a"
                + " data file, at its full key). Each file is checked against the manifest's size, CRC64 and SHA-256"
                + " and appears in DIR only once it matches; one that does not is not kept.",
            "Resumable: a file already in DIR with the manifest's size, CRC64 and SHA-256 is not fetched again, and one"
                + " cut off is continued (Range GET) from NAME" + LocalTarget.PARTIAL_SUFFIX + " beside it.",
            "A key that would lead out of DIR (.., an absolute path, a drive letter, a control character, a link in"
                + " DIR) is refused: that file fails, the others still download."})
final class DownloadCommand extends CliCommand {
    /** The most characters of a bucket name or key from a manifest a line shows (OSS keys are 1,023 bytes at most). */
    private static final int SHOWN = 1100;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run's name as list --runs shows it, or latest.")
    String run;

    @Parameters(index = "1", paramLabel = "DIR", description = "The folder to download into; created if missing.")
    String dir;

    @Option(names = "--json", description = "One JSON object per file instead of the table (docs/cli-json.md).")
    boolean json;

    DownloadCommand(CliContext context) {
        super(context);
    }

    @Override
    int run() throws CliException {
        Settings settings = CliSettings.load(common, context);
        Path folder = folder();
        try (RunStore store = RunStore.open(settings, context)) {
            RunLookup.Located located = new RunLookup(store).find(run);
            AgentLog.info("run " + Printable.cut(located.name, RunsTable.RUN_WIDTH) + ": " + located.manifest.files().size() + " files, manifest "
                    + located.bucket + "/" + located.manifestKey);
            DownloadReport report = new DownloadReport(json, located.name, folder);
            download(store, located, folder, report);
            if (located.manifest.preempted()) {
                // The verified files are fetched; the exit code says the run itself is not whole.
                AgentLog.error("run " + Printable.cut(located.name, RunsTable.RUN_WIDTH) + " was preempted: "
                        + located.manifest.missing().size() + " of its files never reached OSS ("
                        + Printable.cut(String.join(", ", located.manifest.missing()), RunsTable.RUN_WIDTH * 4) + ")");
                report.preempted(located.manifest.missing().size());
            }
            report.print(context.out(), Printable.cut(located.name, RunsTable.RUN_WIDTH), folder);
            return report.exitCode();
        }
    }

    /** DIR made absolute and created; its real path, so that the check of every target against it is exact. */
    private Path folder() throws CliException {
        Path folder = context.workingDir().resolve(dir).normalize();
        Path real;
        String wrong;
        try {
            real = Files.createDirectories(folder).toRealPath();
            OwnerCheck check = OwnerCheck.forThisUser();
            wrong = check.folderProblem(real);
            wrong = wrong != null ? real + " " + wrong : check.parentsProblem(real);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "DIR " + folder + " cannot be created or used ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (wrong != null) {
            // Another user who can write there could swap a sub-folder for a link between the check and the write.
            throw new CliException(ExitCodes.REFUSED, "DIR " + folder + " is not used: the folder " + wrong
                    + ", so another user could have a file written outside it (ssh's StrictModes rule: DIR and every"
                    + " folder above it yours or root's and writable only by its owner, unless root's and sticky like"
                    + " /tmp); download into a folder of yours");
        }
        return real;
    }

    private void download(RunStore store, RunLookup.Located located, Path folder, DownloadReport report) {
        FileFetch fetch = new FileFetch(source(store));
        List<StoredManifest.Entry> files = located.manifest.files();
        Set<String> names = new HashSet<>();
        Set<String> deadBuckets = new HashSet<>();
        boolean stopped = false;
        for (int i = 0; i < files.size(); i++) {
            StoredManifest.Entry entry = files.get(i);
            String name = localName(entry, located);
            // Shown cut: a manifest is data from the bucket, and one 60 MB key must not be a 60 MB line.
            String object = Printable.cut(entry.bucket, SHOWN) + "/" + Printable.cut(entry.key, SHOWN);
            String shownName = Printable.cut(name, SHOWN);
            if (entry.problem != null) {
                fail(report, name, entry, ExitCodes.REFUSED, object + ": the manifest entry is unusable: "
                        + entry.problem);
                continue;
            }
            if (!names.add(name)) {
                fail(report, name, entry, ExitCodes.REFUSED, object + ": another file of the manifest already"
                        + " goes to " + shownName + "; this one is not written");
                continue;
            }
            if (stopped || deadBuckets.contains(entry.bucket)) {
                fail(report, name, entry, ExitCodes.FAILED, object + ": not fetched (see the error above)");
                continue;
            }
            ProgressBar bar = new ProgressBar(context.err(), context.terminal(), "downloading",
                    "[" + (i + 1) + "/" + files.size() + "] " + shownName, entry.size);
            try {
                Path target = LocalTarget.prepare(folder, name);
                FetchOutcome outcome = fetchWithRetries(fetch, entry, target, bar, store.settings, object);
                record(report, name, entry, object, target, outcome);
            } catch (UnsafeTarget e) {
                fail(report, name, entry, ExitCodes.REFUSED, object + " -> " + shownName + ": " + e.getMessage());
            } catch (IOException e) {
                bar.clear();
                fail(report, name, entry, ExitCodes.FAILED, object + " -> " + folder + "/" + shownName
                        + ": cannot write (" + e.getClass().getSimpleName() + ")");
            } catch (RuntimeException e) {
                bar.clear();
                CliException failure = explain(store, e, object);
                fail(report, name, entry, failure.exitCode(), failure.getMessage());
                int code = failure.exitCode();
                if (code == ExitCodes.WRONG_KEY || code == ExitCodes.UNREACHABLE) {
                    stopped = true;
                } else if (code != ExitCodes.FAILED && code != ExitCodes.MISSING) {
                    deadBuckets.add(entry.bucket);
                }
            }
        }
    }

    /**
     * A transfer that breaks off is continued from its partial file, up to {@code ossagent.retry.max-attempts} tries
     * in all, after a pause that starts at {@code ossagent.retry.backoff} and doubles (at most 30 s).
     */
    private static FetchOutcome fetchWithRetries(FileFetch fetch, StoredManifest.Entry entry, Path target,
                                                 ProgressBar bar, Settings settings, String object) throws IOException {
        int tries = settings.transfer().maxAttempts();
        long pause = settings.transfer().backoff().toMillis();
        FetchOutcome outcome = fetch.fetch(entry, target, bar);
        long received = outcome.received;
        for (int attempt = 2; outcome.kind == FetchOutcome.Kind.INTERRUPTED && attempt <= tries; attempt++) {
            AgentLog.warn(object + ": " + outcome.detail + "; continuing from there, try " + attempt + " of " + tries);
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            pause = Math.min(30_000, pause * 2);
            outcome = fetch.fetch(entry, target, bar);
            received += outcome.received;
        }
        return new FetchOutcome(outcome.kind, outcome.kind == FetchOutcome.Kind.INTERRUPTED
                ? outcome.detail + "; run download again to continue from there" : outcome.detail, received);
    }

    private static void record(DownloadReport report, String name, StoredManifest.Entry entry, String object,
                               Path target, FetchOutcome outcome) {
        switch (outcome.kind) {
            case FETCHED:
                report.fetched(name, entry, outcome.received, outcome.detail);
                break;
            case ALREADY_THERE:
                report.alreadyThere(name, entry);
                break;
            case NOT_VERIFIED:
                fail(report, name, entry, ExitCodes.NOT_VERIFIED, object + " -> " + target + " NOT verified: "
                        + outcome.detail);
                break;
            default:
                fail(report, name, entry, ExitCodes.FAILED, object + " -> " + target + ": " + outcome.detail);
        }
    }

    private static void fail(DownloadReport report, String name, StoredManifest.Entry entry, int code, String line) {
        AgentLog.error(line);
        report.failed(name, entry, code);
    }

    private static CliException explain(RunStore store, RuntimeException e, String object) {
        if (e instanceof OSSException && "NoSuchKey".equals(((OSSException) e).getErrorCode())) {
            return new CliException(ExitCodes.MISSING, object + " is not in OSS (NoSuchKey), though the manifest"
                    + " lists it");
        }
        String bucket = object.substring(0, object.indexOf('/'));
        return store.failures.explain(e, "download of " + object, bucket, MODEL_BUCKET);
    }

    /** The key relative to the run's folder when it lies there (in the manifest's bucket), else the whole key. */
    static String localName(StoredManifest.Entry entry, RunLookup.Located located) {
        String folder = located.folder();
        if (entry.bucket.equals(located.bucket) && entry.key.startsWith(folder) && entry.key.length() > folder.length()) {
            return entry.key.substring(folder.length());
        }
        return entry.key;
    }

    /** GET, from an offset with a Range header; the answer's Content-Range says whether the server honoured it. */
    private static ObjectSource source(RunStore store) {
        return (bucket, key, from) -> {
            GetObjectRequest request = new GetObjectRequest(bucket, key);
            if (from > 0) {
                request.setRange(from, -1);
            }
            OSSObject object = store.client.getObject(request);
            Object range = object.getObjectMetadata().getRawMetadata().get("Content-Range");
            boolean honoured = from > 0 && range != null && range.toString().startsWith("bytes " + from + "-");
            return new ObjectSource.Body(object.getObjectContent(), honoured ? from : 0);
        };
    }
}
