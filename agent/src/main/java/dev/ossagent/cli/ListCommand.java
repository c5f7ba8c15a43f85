package dev.ossagent.cli;

import static dev.ossagent.config.SettingNames.DATA_BUCKET;
import static dev.ossagent.config.SettingNames.MODEL_BUCKET;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.ListObjectsV2Result;
import com.aliyun.oss.model.OSSObjectSummary;
import dev.ossagent.config.Settings;
import dev.ossagent.credentials.ResolvedCredentials;
import dev.ossagent.upload.Sizes;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code list}: every object under the model (or data) prefix, all pages. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {
            "List the objects under the model prefix (--data: the data prefix): last modified (UTC), size in bytes,"
                + " ETag and key, one per line, key last. Follows every page of the listing."})
final class ListCommand extends CliCommand {
    @Option(names = "--data", description = "List the data bucket and prefix instead of the model's.")
    boolean dataBucket;

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
        Settings settings = CliSettings.load(common, context);
        String bucket = dataBucket ? CliSettings.dataBucket(settings) : settings.modelBucket();
        String prefix = dataBucket ? settings.dataPrefix() : settings.modelPrefix();
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
        // encoding-type=url lets any key through the XML; keys are decoded below.
        ListObjectsV2Request request = new ListObjectsV2Request(bucket).withPrefix(prefix).withMaxKeys(pageSize)
                .withEncodingType("url");
        long count = 0;
        long bytes = 0;
        String token = null;
        while (true) {
            request.setContinuationToken(token);
            ListObjectsV2Result page;
            try {
                page = client.listObjectsV2(request);
            } catch (RuntimeException e) {
                throw failures.explain(e, "listing of " + bucket + "/" + prefix, bucket,
                        dataBucket ? DATA_BUCKET : MODEL_BUCKET);
            }
            if (token == null) {
                out.println(String.format(Locale.ROOT, "%-20s  %14s  %-34s  %s", "LAST MODIFIED", "SIZE", "ETAG", "KEY"));
            }
            for (OSSObjectSummary summary : page.getObjectSummaries()) {
                out.println(String.format(Locale.ROOT, "%-20s  %14d  %-34s  %s", utc(summary.getLastModified()),
                        summary.getSize(), summary.getETag(), decode(summary.getKey(), page.getEncodingType())));
                count++;
                bytes += summary.getSize();
            }
            token = page.getNextContinuationToken();
            if (!page.isTruncated() || token == null || token.isEmpty()) {
                break;
            }
        }
        out.println(count + " objects, " + Sizes.human(bytes) + " under " + bucket + "/" + prefix);
        return ExitCodes.OK;
    }

    private static String utc(Date date) {
        return date == null ? "-" : DateTimeFormatter.ISO_INSTANT.format(date.toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    /** OSS encodes a space as %20 and '+' as %2B, so URL decoding gives the key back exactly. */
    static String decode(String key, String encodingType) {
        if (key == null || !"url".equalsIgnoreCase(encodingType)) {
            return key;
        }
        return URLDecoder.decode(key, StandardCharsets.UTF_8);
    }
}
