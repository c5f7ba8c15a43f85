package dev.ossagent.cli;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.ListObjectsV2Result;
import com.aliyun.oss.model.OSSObjectSummary;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Every page of a ListObjectsV2 of one prefix, keys decoded; for {@code list} and {@code list --runs}. */
final class BucketListing {
    private BucketListing() {
    }

    /**
     * Calls {@code page} once per page (the first also when empty), in key order. SDK failures pass through for the
     * caller to explain.
     */
    static void pages(OSS client, String bucket, String prefix, int pageSize, Consumer<List<OSSObjectSummary>> page) {
        // encoding-type=url lets any key through the XML; keys are decoded below.
        ListObjectsV2Request request = new ListObjectsV2Request(bucket).withPrefix(prefix).withMaxKeys(pageSize)
                .withEncodingType("url");
        String token = null;
        while (true) {
            request.setContinuationToken(token);
            ListObjectsV2Result result = client.listObjectsV2(request);
            List<OSSObjectSummary> summaries = new ArrayList<>();
            for (OSSObjectSummary summary : result.getObjectSummaries()) {
                summary.setKey(decode(summary.getKey(), result.getEncodingType()));
                summaries.add(summary);
            }
            page.accept(summaries);
            token = result.getNextContinuationToken();
            if (!result.isTruncated() || token == null || token.isEmpty()) {
                return;
            }
        }
    }

    /** OSS encodes a space as %20 and '+' as %2B, so URL decoding gives the key back exactly. */
    static String decode(String key, String encodingType) {
        if (key == null || !"url".equalsIgnoreCase(encodingType)) {
            return key;
        }
        return URLDecoder.decode(key, StandardCharsets.UTF_8);
    }
}
