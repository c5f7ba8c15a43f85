package dev.ossagent.localoss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.common.utils.CRC64;
import com.aliyun.oss.model.BucketInfo;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.ListObjectsRequest;
import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.ListObjectsV2Result;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.OSSObjectSummary;
import com.aliyun.oss.model.ObjectListing;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PutObjectResult;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real aliyun-sdk-oss client against LocalOss: proves wire compatibility. */
class LocalOssSdkTest {
    static final String BUCKET = "hktech-agent-models";
    static final String ID = "LTAI-TESTKEYID0001";
    static final String SECRET = "made-up-secret-0001";

    @TempDir
    Path root;
    LocalOss server;
    final List<OSS> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        server = LocalOss.builder().port(0).root(root).bucket(BUCKET).bucket("cloud-training")
                .credentials(ID, SECRET).build().start();
    }

    @AfterEach
    void stop() {
        clients.forEach(OSS::shutdown);
        server.stop();
    }

    OSS client(SignVersion version, String id, String secret, String region) {
        ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
        conf.setSignatureVersion(version);
        conf.setMaxErrorRetry(0);
        OSS c = SdkClients.client(server, id, secret, region, conf);
        clients.add(c);
        return c;
    }

    OSS v4() {
        return client(SignVersion.V4, ID, SECRET, "cn-beijing");
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static long crc(byte[] data) {
        CRC64 c = new CRC64();
        c.update(data, data.length);
        return c.getValue();
    }

    static byte[] read(InputStream in) throws Exception {
        try (in) {
            return in.readAllBytes();
        }
    }

    void roundTrip(OSS oss, String key) throws Exception {
        byte[] data = random(300_000, key.hashCode());
        PutObjectResult put = oss.putObject(BUCKET, key, new ByteArrayInputStream(data));
        assertEquals(Long.valueOf(crc(data)), put.getServerCRC(), "server CRC64 equals the SDK's CRC64");
        assertArrayEquals(data, Files.readAllBytes(root.resolve(BUCKET).resolve(key)), "stored as a plain file");

        try (OSSObject o = oss.getObject(BUCKET, key)) {
            assertArrayEquals(data, read(o.getObjectContent()));
        }
        ObjectMetadata head = oss.getObjectMetadata(BUCKET, key);
        assertEquals(data.length, head.getContentLength());
        assertEquals(Long.valueOf(crc(data)), head.getServerCRC());
        assertEquals(put.getETag(), head.getETag());
        assertTrue(oss.doesObjectExist(BUCKET, key));

        oss.deleteObject(BUCKET, key);
        assertFalse(oss.doesObjectExist(BUCKET, key));
        OSSException e = assertThrows(OSSException.class, () -> oss.getObject(BUCKET, key));
        assertEquals("NoSuchKey", e.getErrorCode());
    }

    @Test
    void roundTripWithV4() throws Exception {
        roundTrip(v4(), "models/rssm_model.pt");
        assertTrue(server.requestLog().stream().anyMatch(l -> l.startsWith("PUT /" + BUCKET + "/models/rssm_model.pt -> 200")),
                server.requestLog().toString());
    }

    @Test
    void roundTripWithV1() throws Exception {
        roundTrip(client(SignVersion.V1, ID, SECRET, "cn-beijing"), "models/scaler.pkl");
    }

    @Test
    void v4AcceptsWhateverRegionTheClientSigns() throws Exception {
        roundTrip(client(SignVersion.V4, ID, SECRET, "ap-southeast-1"), "region/check.bin");
    }

    @Test
    void v4WithAdditionalSignedHeadersAndUserMetadata() throws Exception {
        OSS oss = v4();
        ObjectMetadata meta = new ObjectMetadata();
        meta.setContentType("application/json");
        meta.addUserMetadata("run-id", "abc 123");
        com.aliyun.oss.model.PutObjectRequest put = new com.aliyun.oss.model.PutObjectRequest(
                BUCKET, "meta/obj.json", new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), meta);
        put.setAdditionalHeaderNames(new java.util.HashSet<>(List.of("host", "content-length")));
        oss.putObject(put);
        ObjectMetadata head = oss.getObjectMetadata(BUCKET, "meta/obj.json");
        assertEquals("application/json", head.getContentType());
        assertEquals("abc 123", head.getUserMetadata().get("run-id"));
    }

    @Test
    void rangeGet() throws Exception {
        OSS oss = v4();
        byte[] data = random(1000, 7);
        oss.putObject(BUCKET, "r.bin", new ByteArrayInputStream(data));
        GetObjectRequest req = new GetObjectRequest(BUCKET, "r.bin");
        req.setRange(100, 199);
        try (OSSObject o = oss.getObject(req)) {
            byte[] part = read(o.getObjectContent());
            assertEquals(100, part.length);
            assertArrayEquals(java.util.Arrays.copyOfRange(data, 100, 200), part);
        }
    }

    @Test
    void wrongSecretIsSignatureDoesNotMatch() {
        for (SignVersion v : new SignVersion[] {SignVersion.V1, SignVersion.V4}) {
            OSS oss = client(v, ID, "not-the-secret", "cn-beijing");
            OSSException e = assertThrows(OSSException.class,
                    () -> oss.putObject(BUCKET, "x", new ByteArrayInputStream(new byte[10])));
            assertEquals("SignatureDoesNotMatch", e.getErrorCode(), v.toString());
            assertFalse(e.getMessage().contains(SECRET));
        }
    }

    @Test
    void unknownIdIsInvalidAccessKeyId() {
        OSS oss = client(SignVersion.V4, "LTAINOSUCHKEY", SECRET, "cn-beijing");
        OSSException e = assertThrows(OSSException.class, () -> oss.getBucketInfo(BUCKET));
        assertEquals("InvalidAccessKeyId", e.getErrorCode());
    }

    @Test
    void unknownBucketIsNoSuchBucket() {
        OSS oss = v4();
        OSSException e = assertThrows(OSSException.class,
                () -> oss.putObject("no-such-bucket", "x", new ByteArrayInputStream(new byte[1])));
        assertEquals("NoSuchBucket", e.getErrorCode());
        OSSException head = assertThrows(OSSException.class, () -> oss.getObjectMetadata("no-such-bucket", "x"));
        assertEquals("NoSuchBucket", head.getErrorCode(), "HEAD errors travel in x-oss-err");
    }

    @Test
    void listV1AndV2PageThrough250Keys() {
        OSS oss = v4();
        for (int i = 0; i < 250; i++) {
            oss.putObject(BUCKET, String.format("list/k%04d", i), new ByteArrayInputStream(new byte[] {(byte) i}));
        }
        oss.putObject(BUCKET, "other/z", new ByteArrayInputStream(new byte[1]));

        List<String> v1 = new ArrayList<>();
        String marker = null;
        int pages = 0;
        ObjectListing l;
        do {
            l = oss.listObjects(new ListObjectsRequest(BUCKET).withPrefix("list/").withMarker(marker).withMaxKeys(100));
            l.getObjectSummaries().forEach(s -> v1.add(s.getKey()));
            marker = l.getNextMarker();
            pages++;
        } while (l.isTruncated());
        assertEquals(3, pages);
        assertEquals(250, v1.size());
        assertEquals("list/k0000", v1.get(0));
        assertEquals("list/k0249", v1.get(249));
        assertEquals(250, v1.stream().distinct().count());

        List<String> v2 = new ArrayList<>();
        String token = null;
        pages = 0;
        ListObjectsV2Result r;
        do {
            r = oss.listObjectsV2(new ListObjectsV2Request(BUCKET).withPrefix("list/")
                    .withContinuationToken(token).withMaxKeys(100));
            r.getObjectSummaries().forEach(s -> v2.add(s.getKey()));
            assertEquals(r.getObjectSummaries().size(), r.getKeyCount());
            token = r.getNextContinuationToken();
            pages++;
        } while (r.isTruncated());
        assertEquals(3, pages);
        assertEquals(v1, v2);

        ListObjectsV2Result after = oss.listObjectsV2(new ListObjectsV2Request(BUCKET).withPrefix("list/")
                .withStartAfter("list/k0247"));
        assertEquals(List.of("list/k0248", "list/k0249"),
                after.getObjectSummaries().stream().map(OSSObjectSummary::getKey).toList());

        ObjectListing delimited = oss.listObjects(new ListObjectsRequest(BUCKET).withDelimiter("/"));
        assertEquals(List.of("list/", "other/"), delimited.getCommonPrefixes());
        assertTrue(delimited.getObjectSummaries().isEmpty());
    }

    @Test
    void spacesAndChineseRoundTripThroughPutAndList() throws Exception {
        OSS oss = v4();
        String key = "训练 数据/episodes 第1轮.json";
        byte[] data = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        oss.putObject(BUCKET, key, new ByteArrayInputStream(data));
        assertArrayEquals(data, Files.readAllBytes(root.resolve(BUCKET).resolve(key)));
        ObjectListing l = oss.listObjects(BUCKET, "训练");
        assertEquals(List.of(key), l.getObjectSummaries().stream().map(OSSObjectSummary::getKey).toList());
        ListObjectsV2Result v2 = oss.listObjectsV2(new ListObjectsV2Request(BUCKET).withEncodingType("url"));
        // With encoding-type=url the SDK hands the encoded key to the caller, as with real OSS.
        assertEquals(List.of(key), v2.getObjectSummaries().stream()
                .map(s -> java.net.URLDecoder.decode(s.getKey(), StandardCharsets.UTF_8)).toList());
        try (OSSObject o = client(SignVersion.V1, ID, SECRET, "cn-beijing").getObject(BUCKET, key)) {
            assertArrayEquals(data, read(o.getObjectContent()));
        }
    }

    @Test
    void bucketInfoAndLocation() {
        OSS oss = v4();
        BucketInfo info = oss.getBucketInfo(BUCKET);
        assertEquals(BUCKET, info.getBucket().getName());
        assertEquals("oss-cn-beijing", info.getBucket().getLocation());
        assertNotNull(info.getBucket().getCreationDate());
        assertEquals("oss-cn-beijing", oss.getBucketLocation(BUCKET));
        assertTrue(oss.doesBucketExist(BUCKET));
        assertFalse(oss.doesBucketExist("not-a-bucket"));
    }

    @Test
    void failRatioOneGives503WithOssErrorXml() {
        OSS oss = v4();
        server.faults().failRatio(1.0);
        OSSException e = assertThrows(OSSException.class, () -> oss.getBucketInfo(BUCKET));
        assertEquals("ServiceUnavailable", e.getErrorCode());
        assertNotNull(e.getRequestId());
        assertTrue(server.requestLog().get(server.requestLog().size() - 1).endsWith("-> 503"));
        server.faults().clear();
        assertEquals(BUCKET, oss.getBucketInfo(BUCKET).getBucket().getName());
    }

    @Test
    void corruptedBodyIsDetectedBySdkCrcCheck() {
        OSS oss = v4();
        server.faults().corruptNextPart(true);
        byte[] data = random(5000, 3);
        Exception e = assertThrows(Exception.class, () -> oss.putObject(BUCKET, "bad.bin", new ByteArrayInputStream(data)));
        assertTrue(e instanceof com.aliyun.oss.InconsistentException
                || e.getCause() instanceof com.aliyun.oss.InconsistentException, e.toString());
        assertFalse(server.faults().corruptNextPart(), "only one body is corrupted");
        oss.putObject(BUCKET, "good.bin", new ByteArrayInputStream(data));
    }

    @Test
    void requestCountAndBytesReceived() {
        OSS oss = v4();
        long before = server.requestCount();
        long bytes = server.bytesReceived();
        oss.putObject(BUCKET, "count.bin", new ByteArrayInputStream(new byte[1234]));
        assertEquals(before + 1, server.requestCount());
        assertEquals(bytes + 1234, server.bytesReceived());
    }
}
