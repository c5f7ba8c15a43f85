package dev.ossagent.localoss;

import static dev.ossagent.localoss.ProtocolTest.BUCKET;
import static dev.ossagent.localoss.ProtocolTest.ID;
import static dev.ossagent.localoss.ProtocolTest.SECRET;
import static dev.ossagent.localoss.ProtocolTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests correctly signed over a missing, unreadable or stale time, or over a payload hash OSS V4 does not
 * take, are refused as OSS refuses them: a signature alone never makes a request acceptable.
 */
class RequestTimeAndPayloadTest {
    static final String KEY = "/" + BUCKET + "/weights.bin";
    static final byte[] BODY = "model weights".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path root;
    LocalOss server;

    @BeforeEach
    void start() {
        server = LocalOss.builder().root(root).bucket(BUCKET).credentials(ID, SECRET).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RawHttp put() {
        RawHttp put = new RawHttp(server.port()).request("PUT", KEY);
        put.body = BODY;
        return put;
    }

    private static String isoBasic(Instant t) {
        return RequestTime.ISO_BASIC.format(t);
    }

    private boolean stored() {
        return Files.exists(root.resolve(BUCKET).resolve("weights.bin"));
    }

    @Test
    void v1WithoutAnyDateIsRefused() throws Exception {
        RawHttp put = put();
        put.headers.remove("Date");
        assertError(put.signV1(ID, SECRET, KEY).send(), 403, "AccessDenied");
        assertFalse(stored());
    }

    @Test
    void v1WithAnUnreadableDateIsRefused() throws Exception {
        RawHttp put = put().header("Date", "yesterday, around noon");
        RawHttp.Response r = put.signV1(ID, SECRET, KEY).send();
        assertError(r, 403, "AccessDenied");
        assertTrue(r.text().contains("valid Date or x-oss-date"), r.text());
        assertFalse(stored());
    }

    @Test
    void v1XOssDateIsCheckedLikeDate() throws Exception {
        // A current Date beside a two-hour-old x-oss-date: OSS goes by x-oss-date, so this is too skewed.
        RawHttp stale = put().header("x-oss-date", isoBasic(Instant.now().minusSeconds(7200)));
        assertError(stale.signV1(ID, SECRET, KEY).send(), 403, "RequestTimeTooSkewed");
        RawHttp unreadable = put().header("x-oss-date", "not a time");
        assertError(unreadable.signV1(ID, SECRET, KEY).send(), 403, "AccessDenied");
        assertFalse(stored());

        RawHttp current = put().header("x-oss-date", isoBasic(Instant.now()));
        assertEquals(200, current.signV1(ID, SECRET, KEY).send().status);
        assertTrue(stored());
    }

    @Test
    void v1WithCurrentDateIsAccepted() throws Exception {
        assertEquals(200, put().signV1(ID, SECRET, KEY).send().status);
        String old = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusHours(1));
        assertError(put().header("Date", old).signV1(ID, SECRET, KEY).send(), 403, "RequestTimeTooSkewed");
    }

    @Test
    void v4WithAnUnreadableTimeIsRefused() throws Exception {
        // Starts with the scope's day, so only reading the time itself can tell.
        String day = isoBasic(Instant.now()).substring(0, 8);
        RawHttp put = put().header("x-oss-date", day + "T99").header("x-oss-content-sha256", "UNSIGNED-PAYLOAD");
        assertError(put.signV4(ID, SECRET, KEY, "cn-beijing").send(), 403, "AccessDenied");
        assertFalse(stored());
    }

    @Test
    void v4TakesOnlyUnsignedPayload() throws Exception {
        String realHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(BODY));
        String wrongHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(new byte[1]));
        for (String hash : new String[] {realHash, wrongHash, "unsigned-payload"}) {
            RawHttp put = put().header("x-oss-date", isoBasic(Instant.now())).header("x-oss-content-sha256", hash);
            RawHttp.Response r = put.signV4(ID, SECRET, KEY, "cn-beijing").send();
            assertError(r, 400, "InvalidArgument");
            assertTrue(r.text().contains("<ArgumentName>x-oss-content-sha256</ArgumentName>"), r.text());
            assertFalse(stored(), hash);
        }
        RawHttp ok = put().header("x-oss-date", isoBasic(Instant.now())).header("x-oss-content-sha256", "UNSIGNED-PAYLOAD");
        assertEquals(200, ok.signV4(ID, SECRET, KEY, "cn-beijing").send().status);
        assertTrue(stored());
    }
}
