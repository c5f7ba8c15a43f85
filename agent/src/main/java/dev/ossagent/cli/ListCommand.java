package dev.ossagent.cli;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.OSSObjectSummary;
import dev.ossagent.config.Settings;
import dev.ossagent.credentials.ResolvedCredentials;
import dev.ossagent.log.JsonLine;
import dev.ossagent.log.Sizes;
import dev.ossagent.runs.RunPrefix;
import java.io.PrintStream;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import static dev.ossagent.config.SettingNames.DATA_BUCKET;
import static dev.ossagent.config.SettingNames.MODEL_BUCKET;

/** {@code list}: every object under the model (or data) prefix, all pages. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {
            "List the objects under the model prefix (--data: the data prefix): last modified (UTC), size in bytes,"
                + " ETag and key, one per line, key last. Follows every page of the listing. A prefix with"
                + " placeholders is listed from its part before the first $${...}, so every run's objects show.",
            "--runs: the runs under the model prefix instead (its part before the first $${...}), one row each: run,"
                + " start time (UTC), files, bytes and whether it is complete (has its manifest), oldest first."
                + " Manifests are read 16 at a time; --limit N shows the newest N runs only."})
final class ListCommand extends CliCommand {
    @Option(names = "--data", description = "List the data bucket and prefix instead of the model's.")
    boolean dataBucket;

    @Option(names = "--runs", description = "List the runs under the model prefix, from their manifests.")
    boolean runs;

    @Option(names = "--json", description = "One JSON object per line instead of the table (docs/cli-json.md).")
    boolean json;
    @Option(names = "--limit", paramLabel = "N",
            description = "With --runs: only the newest N runs (by the listing's time), and only their manifests read.")
    Integer limit;

    @Option(names = "--page-size", paramLabel = "N", defaultValue = "1000",
            description = "Keys per ListObjectsV2 request, 1 to 1000 (default: ${DEFAULT-VALUE}).")
    int pageSize;

    ListCommand(CliContext context) {
        super(context);
    }

    @Override
    int run() throws CliException {
        if (pageSize < 1 || pageSize > 1000) {
            throw new CliException(ExitCodes.USAGE, "--page-size=" + pageSize + " must be between 1 and 1000");
        }
        if (runs && dataBucket) {
            throw new CliException(ExitCodes.USAGE, "--runs lists the model bucket; it does not go with --data");
        }
        if (limit != null && (!runs || limit < 1)) {
            throw new CliException(ExitCodes.USAGE, "--limit=" + limit + (runs ? " must be 1 or more"
                    : " goes with --runs only"));
        }
        Settings settings = CliSettings.load(common, context);
        if (runs) {
            return new RunsTable(context, settings, pageSize, json, limit).print();
        }
        String bucket = dataBucket ? CliSettings.dataBucket(settings) : settings.modelBucket();
        // A prefix with placeholders (models/${run}/) is listed from its static part: every run's objects.
        String prefix = RunPrefix.of(dataBucket ? settings.dataPrefixTemplate() : settings.modelPrefixTemplate()).base();
        ResolvedCredentials credentials = CliClient.credentials(settings, context);
        OSS client = CliClient.open(settings, credentials, false);
        try {
            return list(client, bucket, prefix, new OssFailures(settings, credentials));
        } finally {
            client.shutdown();
        }
    }

    private int list(OSS client, String bucket, String prefix, OssFailures failures) throws CliException {
        PrintStream out = context.out();
        long[] totals = new long[2];
        boolean[] first = {true};
        try {
            BucketListing.pages(client, bucket, prefix, pageSize, page -> {
                if (first[0] && !json) {
                    out.println(String.format(Locale.ROOT, "%-20s  %14s  %-34s  %s", "LAST MODIFIED", "SIZE", "ETAG", "KEY"));
                    first[0] = false;
                }
                for (OSSObjectSummary summary : page) {
                    totals[0]++;
                    totals[1] += summary.getSize();
                    if (json) {
                        out.println(new JsonLine().put("bucket", bucket).put("key", summary.getKey())
                                .put("size", summary.getSize()).put("etag", summary.getETag())
                                .put("lastModified", utc(summary.getLastModified())));
                        continue;
                    }
                    out.println(String.format(Locale.ROOT, "%-20s  %14d  %-34s  %s", utc(summary.getLastModified()),
                            summary.getSize(), summary.getETag(), summary.getKey()));
                }
            });
        } catch (RuntimeException e) {
            throw failures.explain(e, "listing of " + bucket + "/" + prefix, bucket,
                    dataBucket ? DATA_BUCKET : MODEL_BUCKET);
        }
        if (!json) {
            out.println(Plural.of(totals[0], "object") + ", " + Sizes.human(totals[1]) + " under " + bucket + "/"
                    + prefix);
        }
        return ExitCodes.OK;
    }

    static String utc(Date date) {
        return date == null ? "-" : DateTimeFormatter.ISO_INSTANT.format(date.toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
}
