package dev.ossagent.localoss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.common.utils.CRC64;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wire details the SDK does not exercise: virtual hosts, chunked bodies, 100-continue, error shapes. */
class ProtocolTest {
    static final String BUCKET = "cloud-training";
    static final String ID = "LTAI-TESTKEYID0001";
    static final String SECRET = "made-up-secret-0001";

    @TempDir
    Path root;
    LocalOss server;

    @BeforeEach
    void start() {
        server = LocalOss.builder().root(root).bucket(BUCKET).credentials(ID, SECRET)
                .credentials("LTAI-SECONDKEY0002", "another-secret").build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    RawHttp http() {
        return new RawHttp(server.port());
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void virtualHostStyleChunkedPutWithExpectContinue() throws Exception {
        byte[] data = random(250_000);
        RawHttp put = http().request("PUT", "/training-data/episodes.json")
                .header("Host", BUCKET + ".127.0.0.1:" + server.port())
                .header("Content-Type", "application/json");
        put.body = data;
        put.chunked = true;
        put.expectContinue = true;
        RawHttp.Response r = put.signV1(ID, SECRET, "/" + BUCKET + "/training-data/episodes.json").send();
        assertEquals(200, r.status, r.text());
        CRC64 crc = new CRC64();
        crc.update(data, data.length);
        assertEquals(Long.toUnsignedString(crc.getValue()), r.headers.get("x-oss-hash-crc64ecma"));
        assertNotNull(r.headers.get("x-oss-request-id"));
        assertTrue(r.headers.get("ETag").startsWith("\""));
        assertArrayEquals(data, Files.readAllBytes(root.resolve(BUCKET).resolve("training-data/episodes.json")));

        RawHttp.Response get = http().request("GET", "/episodes.json".replace("/episodes", "/training-data/episodes"))
                .header("Host", BUCKET + ".localhost:" + server.port())
                .signV1("LTAI-SECONDKEY0002", "another-secret", "/" + BUCKET + "/training-data/episodes.json").send();
        assertEquals(200, get.status);
        assertArrayEquals(data, get.body);
        assertEquals("application/json", get.headers.get("Content-Type"));
        assertNotNull(get.headers.get("Last-Modified"));
    }

    @Test
    void headReportsLengthWithoutBody() throws Exception {
        Files.writeString(root.resolve(BUCKET).resolve("seeded.txt"), "placed directly on disk");
        RawHttp.Response r = http().request("HEAD", "/" + BUCKET + "/seeded.txt")
                .signV1(ID, SECRET, "/" + BUCKET + "/seeded.txt").send();
        assertEquals(200, r.status);
        assertEquals("23", r.headers.get("Content-Length"));
        assertNotNull(r.headers.get("x-oss-hash-crc64ecma"), "meta is rebuilt for files placed by hand");
    }

    @Test
    void errorsAreOssXml() throws Exception {
        RawHttp.Response anon = http().request("GET", "/" + BUCKET + "/x").send();
        assertError(anon, 403, "AccessDenied");

        RawHttp.Response badName = http().request("GET", "/Bad_Bucket/x").signV1(ID, SECRET, "/Bad_Bucket/x").send();
        assertError(badName, 400, "InvalidBucketName");

        RawHttp.Response method = http().request("POST", "/" + BUCKET + "/x").signV1(ID, SECRET, "/" + BUCKET + "/x").send();
        assertError(method, 405, "MethodNotAllowed");

        RawHttp.Response noKey = http().request("GET", "/" + BUCKET + "/missing").signV1(ID, SECRET, "/" + BUCKET + "/missing").send();
        assertError(noKey, 404, "NoSuchKey");

        RawHttp.Response badSig = http().request("GET", "/" + BUCKET + "/x").signV1(ID, "wrong", "/" + BUCKET + "/x").send();
        assertError(badSig, 403, "SignatureDoesNotMatch");
        assertFalse(badSig.text().contains(SECRET));
    }

    @Test
    void wrongContentMd5IsInvalidDigest() throws Exception {
        byte[] data = "hello".getBytes(StandardCharsets.UTF_8);
        RawHttp bad = http().request("PUT", "/" + BUCKET + "/md5.txt")
                .header("Content-MD5", Base64.getEncoder().encodeToString(new byte[16]));
        bad.body = data;
        assertError(bad.signV1(ID, SECRET, "/" + BUCKET + "/md5.txt").send(), 400, "InvalidDigest");
        assertFalse(Files.exists(root.resolve(BUCKET).resolve("md5.txt")));

        RawHttp good = http().request("PUT", "/" + BUCKET + "/md5.txt").header("Content-MD5",
                Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("MD5").digest(data)));
        good.body = data;
        assertEquals(200, good.signV1(ID, SECRET, "/" + BUCKET + "/md5.txt").send().status);
    }

    @Test
    void errorForLargeUploadArrivesIntact() throws Exception {
        RawHttp put = http().request("PUT", "/" + BUCKET + "/big.bin");
        put.body = random(3_000_000);
        RawHttp.Response r = put.signV1(ID, "wrong-secret", "/" + BUCKET + "/big.bin").send();
        assertError(r, 403, "SignatureDoesNotMatch");
    }

    @Test
    void delayAndRequestLog() throws Exception {
        server.faults().delayMillis(200);
        long t0 = System.nanoTime();
        RawHttp.Response r = http().request("GET", "/" + BUCKET + "?max-keys=5").signV1(ID, SECRET, "/" + BUCKET + "/").send();
        assertTrue(System.nanoTime() - t0 >= 190_000_000L, "delay applied");
        assertEquals(200, r.status, r.text());
        server.faults().clear();
        assertEquals(1, server.requestCount());
        assertEquals(java.util.List.of("GET /" + BUCKET + "?max-keys=5 -> 200"), server.requestLog());
    }

    @Test
    void crc64MatchesSdkImplementation() {
        Random rnd = new Random(42);
        for (int len : new int[] {0, 1, 7, 8, 9, 63, 64, 1000, 65_537}) {
            byte[] b = new byte[len];
            rnd.nextBytes(b);
            CRC64 sdk = new CRC64();
            sdk.update(b, b.length);
            Crc64 ours = new Crc64();
            ours.update(b, 0, b.length / 3);
            ours.update(b, b.length / 3, b.length - b.length / 3);
            assertEquals(sdk.getValue(), ours.value(), "length " + len);
        }
    }

    static void assertError(RawHttp.Response r, int status, String code) {
        assertEquals(status, r.status, r.text());
        assertEquals("application/xml", r.headers.get("Content-Type"));
        assertNotNull(r.headers.get("x-oss-request-id"));
        String xml = r.text();
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), xml);
        assertTrue(xml.contains("<Code>" + code + "</Code>"), xml);
        assertTrue(xml.contains("<RequestId>" + r.headers.get("x-oss-request-id") + "</RequestId>"), xml);
        assertTrue(xml.contains("<HostId>") && xml.contains("<Message>"), xml);
    }
}
