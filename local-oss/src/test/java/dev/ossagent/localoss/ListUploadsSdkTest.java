package dev.ossagent.localoss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ListMultipartUploadsRequest;
import com.aliyun.oss.model.MultipartUpload;
import com.aliyun.oss.model.MultipartUploadListing;
import com.aliyun.oss.model.ObjectMetadata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ListMultipartUploads with a prefix and pages (key and upload-id markers), and the initiate's user metadata kept. */
class ListUploadsSdkTest {
    static final String BUCKET = "hktech-agent-models";

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
    }

    @AfterEach
    void stop() {
        oss.shutdown();
        server.stop();
    }

    @Test
    void everyPageUnderThePrefixAndNothingElse() {
        List<String> begun = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String key = "models/run-" + (i % 3) + "/model 新.bin";
            begun.add(key + " " + oss.initiateMultipartUpload(new InitiateMultipartUploadRequest(BUCKET, key))
                    .getUploadId());
        }
        oss.initiateMultipartUpload(new InitiateMultipartUploadRequest(BUCKET, "elsewhere/x.bin"));
        begun.sort(null);

        List<String> listed = new ArrayList<>();
        ListMultipartUploadsRequest request = new ListMultipartUploadsRequest(BUCKET);
        request.setPrefix("models/");
        request.setMaxUploads(2);
        request.setEncodingType("url");
        int pages = 0;
        while (true) {
            MultipartUploadListing page = oss.listMultipartUploads(request);
            pages++;
            for (MultipartUpload upload : page.getMultipartUploads()) {
                listed.add(java.net.URLDecoder.decode(upload.getKey(), java.nio.charset.StandardCharsets.UTF_8)
                        + " " + upload.getUploadId());
                assertTrue(upload.getInitiated().getTime() > System.currentTimeMillis() - 60_000);
            }
            if (!page.isTruncated()) {
                break;
            }
            request.setKeyMarker(java.net.URLDecoder.decode(page.getNextKeyMarker(),
                    java.nio.charset.StandardCharsets.UTF_8));
            request.setUploadIdMarker(page.getNextUploadIdMarker());
        }
        assertEquals(begun, listed);
        assertEquals(4, pages);
    }

    @Test
    void theInitiatesUserMetadataIsKeptAndShown() {
        ObjectMetadata metadata = new ObjectMetadata();
        metadata.addUserMetadata("oss-agent", "0.1.0");
        metadata.addUserMetadata("host", "gpu7");
        oss.initiateMultipartUpload(new InitiateMultipartUploadRequest(BUCKET, "models/a.bin", metadata));
        List<IncompleteUpload> uploads = server.incompleteUploads();
        assertEquals(1, uploads.size());
        assertEquals("models/a.bin", uploads.get(0).key);
        assertEquals("0.1.0", uploads.get(0).userMeta.get("oss-agent"));
        assertEquals("gpu7", uploads.get(0).userMeta.get("host"));
    }
}
