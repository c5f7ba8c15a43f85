package dev.ossagent.localoss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.CopyObjectRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.StorageClass;
import com.aliyun.oss.model.TagSet;
import com.aliyun.oss.model.UploadPartRequest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User metadata, storage class, SSE and tags kept and given back; x-oss-forbid-overwrite as OSS answers it. */
class ObjectOptionsSdkTest {
    static final String BUCKET = "hktech-agent-models";

    @TempDir
    Path root;
    LocalOss server;
    OSS client;

    @BeforeEach
    void start() {
        server = LocalOss.builder().port(0).root(root).bucket(BUCKET)
                .credentials(LocalOssSdkTest.ID, LocalOssSdkTest.SECRET).build().start();
        ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
        conf.setSignatureVersion(SignVersion.V4);
        conf.setMaxErrorRetry(0);
        client = SdkClients.client(server, LocalOssSdkTest.ID, LocalOssSdkTest.SECRET, "cn-beijing", conf);
    }

    @AfterEach
    void stop() {
        client.shutdown();
        server.stop();
    }

    private static ObjectMetadata options() {
        ObjectMetadata metadata = new ObjectMetadata();
        metadata.addUserMetadata("run", "20261129T043823Z-host-3f9a");
        metadata.setHeader("x-oss-storage-class", "IA");
        metadata.setServerSideEncryption("KMS");
        metadata.setServerSideEncryptionKeyId("made-up-kms-key");
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("project", "rssm");
        tags.put("note", "a b&c=d");
        metadata.setObjectTagging(tags);
        return metadata;
    }

    private void put(String key, String text, ObjectMetadata metadata) {
        client.putObject(BUCKET, key, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), metadata);
    }

    private void assertOptionsKept(String key) {
        ObjectMetadata head = client.getObjectMetadata(BUCKET, key);
        assertEquals("20261129T043823Z-host-3f9a", head.getUserMetadata().get("run"));
        assertEquals(StorageClass.IA, head.getObjectStorageClass());
        assertEquals("KMS", head.getServerSideEncryption());
        assertEquals("made-up-kms-key", head.getServerSideEncryptionKeyId());
        assertEquals("2", head.getRawMetadata().get("x-oss-tagging-count"));
        TagSet tags = client.getObjectTagging(BUCKET, key);
        assertEquals("rssm", tags.getTag("project"));
        assertEquals("a b&c=d", tags.getTag("note"));
    }

    @Test
    void putKeepsMetadataStorageClassEncryptionAndTags() {
        put("models/a.pt", "model", options());
        assertOptionsKept("models/a.pt");
        ObjectMetadata plain = new ObjectMetadata();
        put("models/b.pt", "model", plain);
        assertEquals(StorageClass.Standard, client.getObjectMetadata(BUCKET, "models/b.pt").getObjectStorageClass());
        assertEquals(0, client.getObjectTagging(BUCKET, "models/b.pt").getAllTags().size());
    }

    @Test
    void theOptionHeadersAreSignedAndCheckedUnderSignatureV1Too() {
        ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
        conf.setSignatureVersion(SignVersion.V1);
        conf.setMaxErrorRetry(0);
        OSS v1 = SdkClients.client(server, LocalOssSdkTest.ID, LocalOssSdkTest.SECRET, "cn-beijing", conf);
        try {
            v1.putObject(BUCKET, "models/v1.pt", new ByteArrayInputStream(new byte[] {7}), options());
            assertEquals("rssm", v1.getObjectTagging(BUCKET, "models/v1.pt").getTag("project"));
        } finally {
            v1.shutdown();
        }
        assertOptionsKept("models/v1.pt");
    }

    @Test
    void multipartKeepsWhatInitiateAsked() throws Exception {
        String id = client.initiateMultipartUpload(new InitiateMultipartUploadRequest(BUCKET, "models/big.pt", options()))
                .getUploadId();
        PartETag part = client.uploadPart(new UploadPartRequest(BUCKET, "models/big.pt", id, 1,
                new ByteArrayInputStream(new byte[] {1, 2, 3}), 3)).getPartETag();
        client.completeMultipartUpload(new CompleteMultipartUploadRequest(BUCKET, "models/big.pt", id, new java.util.ArrayList<>(List.of(part))));
        assertOptionsKept("models/big.pt");
        try (InputStream in = client.getObject(BUCKET, "models/big.pt").getObjectContent()) {
            assertEquals(3, in.readAllBytes().length);
        }
    }

    @Test
    void badOptionsAreRefusedAsOssRefusesThem() {
        ObjectMetadata badClass = new ObjectMetadata();
        badClass.setHeader("x-oss-storage-class", "Glacier");
        ObjectMetadata keyWithoutKms = new ObjectMetadata();
        keyWithoutKms.setServerSideEncryption("AES256");
        keyWithoutKms.setServerSideEncryptionKeyId("made-up-kms-key");
        ObjectMetadata elevenTags = new ObjectMetadata();
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            tags.put("k" + i, "v");
        }
        elevenTags.setObjectTagging(tags);
        for (ObjectMetadata bad : List.of(badClass, keyWithoutKms, elevenTags)) {
            OSSException e = assertThrows(OSSException.class, () -> put("models/bad.pt", "x", bad));
            assertEquals("InvalidArgument", e.getErrorCode());
        }
    }

    private static ObjectMetadata forbid() {
        ObjectMetadata metadata = new ObjectMetadata();
        metadata.setHeader("x-oss-forbid-overwrite", "true");
        return metadata;
    }

    @Test
    void forbidOverwriteRefusesPutCopyInitiateAndCompleteOverAnExistingObject() throws Exception {
        put("models/a.pt", "first", forbid()); // nothing there yet: allowed
        OSSException onPut = assertThrows(OSSException.class, () -> put("models/a.pt", "second", forbid()));
        assertEquals("FileAlreadyExists", onPut.getErrorCode());
        assertEquals(1, server.requestLog().stream().filter(line -> line.endsWith("-> 409")).count());

        CopyObjectRequest copy = new CopyObjectRequest(BUCKET, "models/a.pt", BUCKET, "models/a.pt");
        copy.addHeader("x-oss-forbid-overwrite", "true");
        assertEquals("FileAlreadyExists", assertThrows(OSSException.class, () -> client.copyObject(copy)).getErrorCode());

        assertEquals("FileAlreadyExists", assertThrows(OSSException.class, () -> client.initiateMultipartUpload(
                new InitiateMultipartUploadRequest(BUCKET, "models/a.pt", forbid()))).getErrorCode());

        // An object that appears between Initiate and Complete is caught at Complete.
        String id = client.initiateMultipartUpload(new InitiateMultipartUploadRequest(BUCKET, "models/c.pt", forbid()))
                .getUploadId();
        PartETag part = client.uploadPart(new UploadPartRequest(BUCKET, "models/c.pt", id, 1,
                new ByteArrayInputStream(new byte[] {1}), 1)).getPartETag();
        put("models/c.pt", "someone else's", new ObjectMetadata());
        CompleteMultipartUploadRequest complete = new CompleteMultipartUploadRequest(BUCKET, "models/c.pt", id,
                new java.util.ArrayList<>(List.of(part)));
        complete.addHeader("x-oss-forbid-overwrite", "true");
        assertEquals("FileAlreadyExists", assertThrows(OSSException.class,
                () -> client.completeMultipartUpload(complete)).getErrorCode());

        try (InputStream a = client.getObject(BUCKET, "models/a.pt").getObjectContent();
             InputStream c = client.getObject(BUCKET, "models/c.pt").getObjectContent()) {
            assertEquals("first", new String(a.readAllBytes(), StandardCharsets.UTF_8));
            assertEquals("someone else's", new String(c.readAllBytes(), StandardCharsets.UTF_8));
        }
        put("models/a.pt", "replaced", new ObjectMetadata()); // without the header a PUT replaces
        try (InputStream a = client.getObject(BUCKET, "models/a.pt").getObjectContent()) {
            assertEquals("replaced", new String(a.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
