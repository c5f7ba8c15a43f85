package dev.ossagent.cli;

import com.aliyun.oss.OSS;
import dev.ossagent.config.Durations;
import dev.ossagent.config.Settings;
import dev.ossagent.config.SettingsException;
import dev.ossagent.credentials.ResolvedCredentials;
import dev.ossagent.failure.ErrorText;
import dev.ossagent.journal.StateDir;
import dev.ossagent.log.AgentLog;
import dev.ossagent.transfer.IncompleteUploads;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import static dev.ossagent.config.SettingNames.DATA_BUCKET;
import static dev.ossagent.config.SettingNames.MODEL_BUCKET;

/** {@code clean}: the incomplete multipart uploads under the configured prefixes, listed and aborted. */
@Command(name = "clean", mixinStandardHelpOptions = true,
        description = {
            "List the incomplete multipart uploads under the model and data prefixes (up to their first $${...}; all"
                + " pages) and abort those older than --older-than: OSS bills their parts until they are aborted.",
            "One line each (aborted / would abort / kept, when it began, bucket/key, upload id) and a total per prefix."
                + " An upload a multipart checkpoint of the state dir continues is kept: resume finishes it."})
final class CleanCommand extends CliCommand {
    @Option(names = "--older-than", paramLabel = "DURATION", defaultValue = "24h",
            description = "Abort only uploads begun longer ago than this, e.g. 1h, 7d (default: ${DEFAULT-VALUE}):"
                    + " younger ones may still be in progress on another machine.")
    String olderThan;

    @Option(names = "--dry-run", description = "List what would be aborted; abort nothing.")
    boolean dryRun;

    CleanCommand(CliContext context) {
        super(context);
    }

    @Override
    int run() throws CliException {
        Duration age;
        try {
            age = Durations.parse("--older-than", olderThan);
        } catch (SettingsException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
        Settings settings = CliSettings.load(common, context);
        ResolvedCredentials credentials = CliClient.credentials(settings, context);
        OssFailures failures = new OssFailures(settings, credentials);
        Set<String> continued = IncompleteUploads.continued(StateDir.at(settings.stateDir()).checkpoints());
        Instant cutoff = Instant.now().minus(age);
        OSS client = CliClient.open(settings, credentials, false);
        int code = ExitCodes.OK;
        try {
            Set<String> seen = new LinkedHashSet<>();
            String[][] targets = {
                {settings.modelBucket(), IncompleteUploads.listedPrefix(settings.modelPrefixTemplate()), MODEL_BUCKET},
                {settings.dataBucket(), IncompleteUploads.listedPrefix(settings.dataPrefixTemplate()), DATA_BUCKET}};
            for (String[] target : targets) {
                if (target[0] == null || !seen.add(target[0] + "/" + target[1])) {
                    continue;
                }
                try {
                    code = first(code, clean(client, target[0], target[1], cutoff, continued));
                } catch (RuntimeException e) {
                    CliException explained = failures.explain(e, "listing the incomplete multipart uploads under "
                            + target[0] + "/" + target[1], target[0], target[2]);
                    AgentLog.error(explained.getMessage() + (explained.exitCode() == ExitCodes.ACCESS_DENIED
                            ? " (this key may not list multipart uploads, so clean cannot see them: allow it"
                            + " oss:ListMultipartUploads and oss:AbortMultipartUpload, or let a bucket lifecycle rule"
                            + " abort them)" : ""));
                    code = first(code, explained.exitCode());
                }
            }
        } finally {
            client.shutdown();
        }
        return code;
    }

    private int clean(OSS client, String bucket, String prefix, Instant cutoff, Set<String> continued) {
        PrintStream out = context.out();
        int[] counts = new int[3]; // listed, aborted (or would be), kept
        int[] code = {ExitCodes.OK};
        IncompleteUploads.each(client, bucket, prefix, upload -> {
            counts[0]++;
            String what;
            if (continued.contains(upload.uploadId)) {
                what = "kept (a checkpoint here continues it: resume finishes it)";
                counts[2]++;
            } else if (!upload.olderThan(cutoff)) {
                what = "kept (younger than " + olderThan.trim() + ")";
                counts[2]++;
            } else if (dryRun) {
                what = "would abort";
                counts[1]++;
            } else {
                try {
                    IncompleteUploads.abort(client, upload);
                    what = "aborted";
                    counts[1]++;
                } catch (RuntimeException e) {
                    what = "NOT aborted (" + ErrorText.of(e) + ")";
                    code[0] = ExitCodes.FAILED;
                }
            }
            out.println(what + "  " + (upload.initiated == null ? "-"
                    : upload.initiated.truncatedTo(ChronoUnit.SECONDS)) + "  " + bucket + "/" + upload.key + "  "
                    + upload.uploadId);
        });
        out.println(counts[0] + " incomplete multipart upload(s) under " + bucket + "/" + prefix + ": " + counts[1]
                + (dryRun ? " would be aborted, " : " aborted, ") + counts[2] + " kept");
        return code[0];
    }

    private static int first(int code, int next) {
        return code != ExitCodes.OK ? code : next;
    }
}
