package dev.ossagent.localoss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.ListObjectsV2Result;
import com.aliyun.oss.model.OSSObjectSummary;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listing pages walk the folders in key order and skip those before the marker: a folder sorts by its name plus
 * '/', so "a-b" (0x2D) comes before "a/x" (0x2F) and "a0" after it, on every page size.
 */
class ListingOrderSdkTest {
    static final String BUCKET = "hktech-agent-models";
    static final List<String> KEYS = List.of("a-b", "a/x", "a/y/z", "a0", "ab/c", "b", "新/1");

    @TempDir
    Path root;
    LocalOss server;
    OSS oss;

    @BeforeEach
    void start() {
        server = LocalOss.builder().root(root).bucket(BUCKET)
                .credentials("LTAI-TESTKEYID0001", "made-up-secret-0001").build().start();
        oss = SdkClients.v4(server, "LTAI-TESTKEYID0001", "made-up-secret-0001",
                new ClientBuilderConfiguration().getMaxErrorRetry());
        for (String key : List.of("b", "新/1", "ab/c", "a0", "a/y/z", "a/x", "a-b")) {
            oss.putObject(BUCKET, key, new ByteArrayInputStream(key.getBytes()));
        }
    }

    @AfterEach
    void stop() {
        oss.shutdown();
        server.stop();
    }

    @Test
    void everyPageSizeGivesKeyOrder() {
        for (int size = 1; size <= KEYS.size(); size++) {
            assertEquals(KEYS, all(size, null), "page size " + size);
        }
        assertEquals(List.of("a/y/z", "a0", "ab/c"), all(1, "a/x").subList(0, 3));
        assertEquals(List.of("a/x", "a/y/z"), prefixed("a/"));
    }

    private List<String> all(int size, String startAfter) {
        List<String> keys = new ArrayList<>();
        ListObjectsV2Request request = new ListObjectsV2Request(BUCKET).withMaxKeys(size);
        request.setStartAfter(startAfter);
        while (true) {
            ListObjectsV2Result page = oss.listObjectsV2(request);
            for (OSSObjectSummary summary : page.getObjectSummaries()) {
                keys.add(summary.getKey());
            }
            if (!page.isTruncated()) {
                return keys;
            }
            request.setContinuationToken(page.getNextContinuationToken());
        }
    }

    private List<String> prefixed(String prefix) {
        List<String> keys = new ArrayList<>();
        for (OSSObjectSummary summary : oss.listObjectsV2(new ListObjectsV2Request(BUCKET).withPrefix(prefix))
                .getObjectSummaries()) {
            keys.add(summary.getKey());
        }
        return keys;
    }
}
