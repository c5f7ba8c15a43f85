package dev.ossagent.transfer;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.ListObjectsV2Result;
import com.aliyun.oss.model.OSSObjectSummary;
import dev.ossagent.plan.PlannedFile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What OSS already holds under the prefix a plan's files share, from one paged listing (1000 keys a page) instead of
 * a HEAD per file: for skip-unchanged. A listing gives each object's size and ETag, not its CRC64; an ETag of a
 * PutObject is the MD5 of its bytes, so a same-size file is compared by MD5; a multipart ETag says nothing about
 * the bytes, so such an object is still looked up with a HEAD ({@link ObjectUploader}).
 */
final class RemoteListing {
    /** Past this many pages (or one per two files) the prefix holds far more than the plan: a HEAD per file is cheaper. */
    static final int MAX_PAGES = 10;

    /** One object as listed. */
    static final class Listed {
        final long size;
        /** Lower-case hex MD5 of the object's bytes, or null when its ETag is not one (multipart). */
        final String md5;

        Listed(long size, String etag) {
            this.size = size;
            String plain = etag == null ? "" : etag.replace("\"", "").toLowerCase(java.util.Locale.ROOT);
            this.md5 = plain.matches("[0-9a-f]{32}") ? plain : null;
        }
    }

    private final Map<String, Listed> objects;

    private RemoteListing(Map<String, Listed> objects) {
        this.objects = objects;
    }

    /** Lists {@code bucket}/{@code prefix}; null when it takes more than {@code maxPages} pages. */
    static RemoteListing of(OSS client, Retrier retrier, String bucket, String prefix, int maxPages) {
        Map<String, Listed> objects = new HashMap<>();
        String token = null;
        for (int page = 1; page <= maxPages; page++) {
            ListObjectsV2Request request = new ListObjectsV2Request(bucket, prefix);
            request.setMaxKeys(1000);
            request.setContinuationToken(token);
            ListObjectsV2Result result = retrier.call("list " + bucket + "/" + prefix,
                    () -> client.listObjectsV2(request));
            for (OSSObjectSummary summary : result.getObjectSummaries()) {
                objects.put(summary.getKey(), new Listed(summary.getSize(), summary.getETag()));
            }
            if (!result.isTruncated()) {
                return new RemoteListing(objects);
            }
            token = result.getNextContinuationToken();
        }
        return null;
    }

    /** One listing per bucket of the prefix the files share there; a bucket that cannot be listed is left out. */
    static Map<String, RemoteListing> forFiles(OSS client, Retrier retrier, List<PlannedFile> files) {
        Map<String, List<String>> keys = new java.util.LinkedHashMap<>();
        for (PlannedFile file : files) {
            keys.computeIfAbsent(file.bucket(), b -> new java.util.ArrayList<>()).add(file.key());
        }
        Map<String, RemoteListing> listings = new HashMap<>();
        if (ReadRefusals.known("list")) {
            return listings;
        }
        for (Map.Entry<String, List<String>> bucket : keys.entrySet()) {
            String prefix = commonPrefix(bucket.getValue());
            try {
                int pages = Math.max(1, Math.min(MAX_PAGES, bucket.getValue().size() / 2));
                RemoteListing listing = of(client, retrier, bucket.getKey(), prefix, pages);
                if (listing != null) {
                    listings.put(bucket.getKey(), listing);
                }
            } catch (RuntimeException e) {
                if (ReadRefusals.refused(e)) {
                    ReadRefusals.note("list", "list objects (ListObjectsV2)", e, "skip-unchanged looks each file up on"
                            + " its own instead");
                }
                // No list permission, a wrong key, a missing bucket: each file is then looked up on its own, and the
                // upload reports any real failure once, in its words. No further listing is tried.
                break;
            }
        }
        return listings;
    }

    /** The object at {@code file}'s key as listed, or null when there was none. */
    Listed get(PlannedFile file) {
        return objects.get(file.key());
    }

    /** The longest prefix, up to a '/', that all keys share ("" when none). */
    static String commonPrefix(List<String> keys) {
        String common = keys.get(0);
        for (String key : keys) {
            int n = 0;
            while (n < common.length() && n < key.length() && common.charAt(n) == key.charAt(n)) {
                n++;
            }
            common = common.substring(0, n);
        }
        return common.substring(0, common.lastIndexOf('/') + 1);
    }
}
