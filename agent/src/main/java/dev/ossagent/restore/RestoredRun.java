package dev.ossagent.restore;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.ListObjectsRequest;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.OSSObjectSummary;
import com.aliyun.oss.model.ObjectListing;
import dev.ossagent.config.RestoreSettings;
import dev.ossagent.config.Settings;
import dev.ossagent.manifest.Manifest;
import dev.ossagent.manifest.StoredManifest;
import dev.ossagent.manifest.StoredPointer;
import dev.ossagent.manifest.UnreadableJson;
import dev.ossagent.runs.RunIndex;
import dev.ossagent.runs.RunPrefix;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The run to restore and its manifest: {@code latest} is the run {@code ossagent.latest} points at, or without
 * that pointer the manifest written last; a run id is the run folder of that name, or the manifest whose "run"
 * says so. Null from {@link #find} when there is none (nothing to restore yet).
 */
final class RestoredRun {
    /** Manifests and pointers are small; a bigger object under that name is not what it says. */
    private static final int MAX_JSON = 16 * 1024 * 1024;
    /** Listing pages read at most: a bucket with more runs than that should name the run or set ossagent.latest. */
    private static final int MAX_PAGES = 50;

    final String name;
    final String bucket;
    final String manifestKey;
    final StoredManifest manifest;

    private RestoredRun(String name, String bucket, String manifestKey, StoredManifest manifest) {
        this.name = name;
        this.bucket = bucket;
        this.manifestKey = manifestKey;
        this.manifest = manifest;
    }

    /** The run's folder, where its manifest lies; its model files are restored relative to it. */
    String folder() {
        return manifestKey.substring(0, manifestKey.length() - Manifest.FILE_NAME.length());
    }

    static RestoredRun find(OSS client, Settings settings) throws IOException, UnreadableJson {
        String wanted = settings.restore().run();
        String bucket = settings.modelBucket();
        if (wanted.equals(RestoreSettings.LATEST) && settings.latest() != null) {
            String pointerText = text(client, bucket, settings.latest());
            if (pointerText == null) {
                return null;
            }
            StoredPointer pointer = StoredPointer.parse(pointerText);
            String manifestText = text(client, pointer.bucket(), pointer.manifest());
            return manifestText == null || !pointer.manifest().endsWith(Manifest.FILE_NAME) ? null
                    : new RestoredRun(pointer.run(), pointer.bucket(), pointer.manifest(),
                    StoredManifest.parse(manifestText));
        }
        RunIndex index = index(client, bucket, RunPrefix.of(settings.modelPrefixTemplate()));
        RunIndex.Found chosen = null;
        for (RunIndex.Found found : index.manifests()) {
            if (wanted.equals(RestoreSettings.LATEST) ? chosen == null || (found.lastModified != null
                    && chosen.lastModified != null && found.lastModified.isAfter(chosen.lastModified))
                    : index.nameOf(found).equals(wanted)) {
                chosen = found;
            }
        }
        if (chosen == null && !wanted.equals(RestoreSettings.LATEST)) {
            for (RunIndex.Found found : index.manifests()) {
                String text = text(client, bucket, found.key);
                if (text != null && wanted.equals(StoredManifest.parse(text).run())) {
                    chosen = found;
                    break;
                }
            }
        }
        if (chosen == null) {
            return null;
        }
        String text = text(client, bucket, chosen.key);
        if (text == null) {
            return null;
        }
        StoredManifest manifest = StoredManifest.parse(text);
        String name = manifest.run() != null && !manifest.run().isEmpty() ? manifest.run() : index.nameOf(chosen);
        return new RestoredRun(name, bucket, chosen.key, manifest);
    }

    private static RunIndex index(OSS client, String bucket, RunPrefix prefix) {
        RunIndex index = new RunIndex(prefix);
        String marker = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            ObjectListing listing = client.listObjects(new ListObjectsRequest(bucket).withPrefix(prefix.base())
                    .withMarker(marker).withMaxKeys(1000));
            for (OSSObjectSummary summary : listing.getObjectSummaries()) {
                index.add(summary.getKey(), summary.getSize(),
                        summary.getLastModified() == null ? null : summary.getLastModified().toInstant());
            }
            if (!listing.isTruncated()) {
                break;
            }
            marker = listing.getNextMarker();
        }
        return index;
    }

    /** A small object's text; null when there is no such object. */
    private static String text(OSS client, String bucket, String key) throws IOException {
        try (OSSObject object = client.getObject(bucket, key); InputStream in = object.getObjectContent()) {
            byte[] bytes = in.readNBytes(MAX_JSON + 1);
            if (bytes.length > MAX_JSON) {
                throw new IOException(bucket + "/" + key + " is over " + MAX_JSON + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (OSSException e) {
            if ("NoSuchKey".equals(e.getErrorCode())) {
                return null;
            }
            throw e;
        }
    }
}
