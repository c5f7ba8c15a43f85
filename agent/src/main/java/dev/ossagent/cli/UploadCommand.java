package dev.ossagent.cli;

import com.aliyun.oss.OSS;
import dev.ossagent.config.Settings;
import dev.ossagent.credentials.ResolvedCredentials;
import dev.ossagent.journal.UploadedFile;
import dev.ossagent.log.AgentLog;
import dev.ossagent.plan.PlannedFile;
import dev.ossagent.plan.UploadPlan;
import dev.ossagent.plan.UploadPlanner;
import dev.ossagent.transfer.ObjectUploader;
import dev.ossagent.transfer.ParallelFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import static dev.ossagent.config.SettingNames.DATA_BUCKET;
import static dev.ossagent.config.SettingNames.MODEL_BUCKET;
import static dev.ossagent.config.SettingNames.RUN_ID;

/** {@code upload}: files or folders to the model and data buckets, keyed and sent as the agent does. */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = {
            "Upload files or folders to the configured buckets and prefixes, with the same object keys and the"
                + " same transfer code as the agent: a file becomes PREFIX + its name, a folder PREFIX + the folder's"
                + " name + each file's relative path.",
            "Shows a live progress bar on a terminal (plain lines otherwise) and a summary table at the end."})
final class UploadCommand extends CliCommand {
    @Option(names = "--model", arity = "1..*", paramLabel = "FILE",
            description = "Files or folders for the model bucket (ossagent.model.bucket / ossagent.model.prefix).")
    List<String> model = new ArrayList<>();

    @Option(names = "--data", arity = "1..*", paramLabel = "FILE",
            description = "Files or folders for the data bucket (ossagent.data.bucket / ossagent.data.prefix).")
    List<String> data = new ArrayList<>();

    @Option(names = "--json", description = "One JSON object per file instead of the table (docs/cli-json.md).")
    boolean json;
    @Option(names = "--run", paramLabel = "ID",
            description = "Join this run (as -Dossagent.run.id=ID): ${run} in the prefixes becomes ID, so the files"
                + " land beside the run's own instead of in a run of their own.")
    String run;

    UploadCommand(CliContext context) {
        super(context);
    }

    @Override
    int run() throws CliException {
        if (model.isEmpty() && data.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, "nothing to upload: give --model FILE... and/or --data FILE...");
        }
        if (run != null) {
            common.settings.put(RUN_ID, run);
        }
        Settings settings = CliSettings.load(common, context);
        if (!data.isEmpty()) {
            CliSettings.dataBucket(settings);
        }
        UploadPlan plan = new UploadPlanner(settings).planFiles(absolute(model), absolute(data));
        UploadReport report = new UploadReport(json);
        for (String missing : plan.missing()) {
            report.missing(missing);
        }
        if (plan.files().isEmpty()) {
            report.print(context.out());
            throw new CliException(ExitCodes.FAILED, "nothing to upload: none of the given paths is a file or folder");
        }
        ResolvedCredentials credentials = CliClient.credentials(settings, context);
        AgentLog.info("credentials: " + credentials.source() + ", id " + credentials.credentials().maskedId());
        OSS client = CliClient.open(settings, credentials, false);
        try {
            send(plan.files(), new ObjectUploader(client, settings), new OssFailures(settings, credentials), settings,
                    report);
        } finally {
            client.shutdown();
        }
        report.print(context.out());
        return report.exitCode();
    }

    /**
     * Files go {@code ossagent.upload.parallel-files} at a time; on a terminal the live bar is drawn only when they
     * go one at a time (several bars cannot share one line). The table lists them in the order given.
     */
    private void send(List<PlannedFile> files, ObjectUploader uploader, OssFailures failures, Settings settings,
                      UploadReport report) {
        Set<String> deadBuckets = ConcurrentHashMap.newKeySet();
        AtomicBoolean stopped = new AtomicBoolean();
        boolean bars = !context.terminal() || settings.transfer().parallelFiles() == 1 || files.size() == 1;
        Consumer<UploadReport>[] rows = newRows(files.size());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            order.add(i);
        }
        uploader.listBefore(files);
        new ParallelFiles(settings.transfer().parallelFiles()).run(order, i -> {
            PlannedFile file = files.get(i);
            if (stopped.get() || deadBuckets.contains(file.bucket())) {
                rows[i] = r -> r.notSent(file);
                return;
            }
            String label = "[" + (i + 1) + "/" + files.size() + "] " + file.path().getFileName();
            ProgressBar bar = bars ? new ProgressBar(context.err(), context.terminal(), label, file.size()) : null;
            long start = System.nanoTime();
            try {
                UploadedFile result = uploader.upload(file, bar);
                double took = (System.nanoTime() - start) / 1e9;
                rows[i] = r -> r.uploaded(file, result, took);
            } catch (RuntimeException e) {
                if (bar != null) {
                    bar.clear();
                }
                double took = (System.nanoTime() - start) / 1e9;
                String setting = file.bucket().equals(settings.modelBucket()) ? MODEL_BUCKET : DATA_BUCKET;
                CliException failure = failures.explain(e, "upload of " + file.path() + " to " + file.objectName(),
                        file.bucket(), setting);
                AgentLog.error(failure.getMessage());
                rows[i] = r -> r.failed(file, took, failure.exitCode(), e);
                int code = failure.exitCode();
                if (code == ExitCodes.WRONG_KEY || code == ExitCodes.UNREACHABLE) {
                    stopped.set(true);
                } else if (code != ExitCodes.FAILED) {
                    deadBuckets.add(file.bucket());
                }
            }
        });
        for (Consumer<UploadReport> row : rows) {
            row.accept(report);
        }
    }

    @SuppressWarnings("unchecked")
    private static Consumer<UploadReport>[] newRows(int n) {
        return new Consumer[n];
    }

    private List<String> absolute(List<String> paths) {
        List<String> absolute = new ArrayList<>();
        for (String path : paths) {
            absolute.add(context.workingDir().resolve(path).normalize().toString());
        }
        return absolute;
    }
}
