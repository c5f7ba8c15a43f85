package dev.ossagent.cli;

import static dev.ossagent.config.SettingNames.MODEL_BUCKET;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.OSSObjectSummary;
import dev.ossagent.config.Settings;
import dev.ossagent.credentials.ResolvedCredentials;
import dev.ossagent.runs.RunIndex;
import dev.ossagent.runs.RunPrefix;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The runs in the model bucket, for {@code list --runs} and {@code download}: one client, its failures explained. */
final class RunStore implements AutoCloseable {
    /** Manifests and pointers are small; a bigger object under that name is not read into memory. */
    static final int MAX_JSON_BYTES = 64 * 1024 * 1024;

    final Settings settings;
    final OSS client;
    final OssFailures failures;
    final String bucket;
    final RunPrefix prefix;

    private RunStore(Settings settings, OSS client, OssFailures failures) {
        this.settings = settings;
        this.client = client;
        this.failures = failures;
        this.bucket = settings.modelBucket();
        this.prefix = RunPrefix.of(settings.modelPrefixTemplate());
    }

    static RunStore open(Settings settings, CliContext context) throws CliException {
        ResolvedCredentials credentials = CliClient.credentials(settings, context);
        return new RunStore(settings, CliClient.open(settings, credentials, false), new OssFailures(settings, credentials));
    }

    /** Every object under the run prefix, all pages. */
    RunIndex index(int pageSize) throws CliException {
        return index(pageSize, new RunIndex(prefix));
    }

    /** Every object under the run prefix, all pages, into {@code index} (which may act on manifests as found). */
    RunIndex index(int pageSize, RunIndex index) throws CliException {
        try {
            BucketListing.pages(client, bucket, prefix.base(), pageSize, page -> {
                for (OSSObjectSummary summary : page) {
                    index.add(summary.getKey(), summary.getSize(),
                            summary.getLastModified() == null ? null : summary.getLastModified().toInstant());
                }
            });
        } catch (RuntimeException e) {
            throw failures.explain(e, "listing of " + bucket + "/" + prefix.base(), bucket, MODEL_BUCKET);
        }
        return index;
    }

    /**
     * A small JSON object's text.
     *
     * @throws CliException MISSING when there is no such object, or the failure explained
     * @throws IOException  when it breaks off or is too big to be a manifest
     */
    String text(String bucket, String key) throws CliException, IOException {
        try (OSSObject object = client.getObject(bucket, key); InputStream in = object.getObjectContent()) {
            byte[] bytes = in.readNBytes(MAX_JSON_BYTES + 1);
            if (bytes.length > MAX_JSON_BYTES) {
                throw new IOException("over " + MAX_JSON_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (OSSException e) {
            if ("NoSuchKey".equals(e.getErrorCode())) {
                throw new CliException(ExitCodes.MISSING, bucket + "/" + key + " is not in OSS (NoSuchKey)");
            }
            throw failures.explain(e, "reading " + bucket + "/" + key, bucket, MODEL_BUCKET);
        } catch (RuntimeException e) {
            throw failures.explain(e, "reading " + bucket + "/" + key, bucket, MODEL_BUCKET);
        }
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
