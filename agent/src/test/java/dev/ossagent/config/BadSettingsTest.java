package dev.ossagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.log.AgentLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values users get wrong by hand: each is one line naming the setting and the value, and saying what to do. */
class BadSettingsTest {
    private static final String MINIMAL = "ossagent.target.class=com.example.Trainer\nossagent.model.bucket=models-bucket\n";
    private static final String SECRET = "Abcdefghij0123456789KLMNOPqrst";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void captureLog() {
        AgentLog.redirectForTests(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreLog() {
        AgentLog.redirectForTests(null);
        assertFalse(log().contains(SECRET), log());
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    private Path file;

    private Settings load(String text) throws Exception {
        file = Files.writeString(dir.resolve("oss-agent.properties"), text);
        return Settings.parse(RawSettings.load(file.toString(), Map.of(), new Properties()));
    }

    private String fails(String text) {
        SettingsException e = assertThrows(SettingsException.class, () -> load(text));
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void missingTargetClassComesFirst() {
        assertTrue(fails("ossagent.model.bucket=\n").startsWith("ossagent.target.class is not set in "));
    }

    @Test
    void misspeltKeySuggestsTheNearestName() throws Exception {
        load(MINIMAL + "ossagent.modle.bucket=models-bucket\nossagent.exit.timout=5m\n");
        assertTrue(log().contains("WARN unknown setting ossagent.modle.bucket in " + file
                + " is ignored; did you mean ossagent.model.bucket?"), log());
        assertTrue(log().contains("did you mean ossagent.exit.timeout?"), log());
    }

    @Test
    void aSecretOnALineOfItsOwnIsNeverEchoed() throws Exception {
        load(MINIMAL + "access_key_secret =\n" + SECRET + "\n");
        assertTrue(log().contains("WARN a line in " + file + " is not a setting and is ignored (not shown: it may hold"
                + " a key); write settings as name=value"), log());
    }

    @Test
    void aPastedCsvRowIsNeverEchoed() throws Exception {
        load(MINIMAL + "LTAI-5tTESTID00000001," + SECRET + "\n");
        assertFalse(log().contains("LTAI-5tTESTID00000001"), log());
        assertTrue(log().contains("is not a setting and is ignored (not shown"), log());
    }

    @Test
    void confSectionHeadersAreIgnoredQuietly() throws Exception {
        load("[oss]\n" + MINIMAL);
        assertEquals("", log());
    }

    @Test
    void invalidBucketNamesSayWhatIsWrong() {
        assertEquals("ossagent.model.bucket=My_Models is not a valid bucket name: only lower-case letters, digits"
                + " and '-' are allowed (found 'M'); use the bucket's name as the OSS console shows it",
                fails("ossagent.target.class=T\nossagent.model.bucket=My_Models\n"));
        assertTrue(fails("ossagent.target.class=T\nossagent.model.bucket=ab\n")
                .contains("is not a valid bucket name: it must be 3 to 63 characters long"));
        assertTrue(fails("ossagent.target.class=T\nossagent.model.bucket=models_v2\n").contains("(found '_')"));
        assertTrue(fails(MINIMAL + "ossagent.data.bucket=Cloud-Training\nossagent.data.files=x\n")
                .startsWith("ossagent.data.bucket=Cloud-Training is not a valid bucket name"));
    }

    @Test
    void malformedEndpoints() {
        assertEquals("ossagent.endpoint=http//x is not a valid endpoint: the scheme is misspelt; write https://host"
                + " or just the host; for example oss-cn-beijing.aliyuncs.com", fails(MINIMAL + "ossagent.endpoint=http//x\n"));
        assertTrue(fails(MINIMAL + "ossagent.endpoint=https:/oss-cn-beijing.aliyuncs.com\n").contains("misspelt"));
        assertTrue(fails(MINIMAL + "ossagent.endpoint=oss cn beijing.aliyuncs.com\n")
                .startsWith("ossagent.endpoint=oss cn beijing.aliyuncs.com is not a valid endpoint"));
        assertTrue(fails(MINIMAL + "ossagent.endpoint=https://oss-cn-beijing.aliyuncs.com/models\n")
                .contains("an endpoint is a host name only, without a path (the bucket is a separate setting)"));
    }

    @Test
    void regionThatContradictsTheEndpointIsCaughtBeforeAnyRequest() {
        assertEquals("ossagent.region=cn-hangzhou does not match ossagent.endpoint=oss-cn-beijing.aliyuncs.com"
                + " (region cn-beijing); leave ossagent.region unset, or use the endpoint of the bucket's region",
                fails(MINIMAL + "ossagent.endpoint=oss-cn-beijing.aliyuncs.com\nossagent.region=cn-hangzhou\n"));
    }

    @Test
    void regionsOnlyFromHostsThatNameOne() throws Exception {
        assertEquals("cn-shanghai-finance-1", Endpoint.parse("oss-cn-shanghai-finance-1.aliyuncs.com", null).region());
        assertEquals("ap-southeast-1", Endpoint.parse("oss-ap-southeast-1-internal.aliyuncs.com", null).region());
        assertNull(Endpoint.regionOf("oss-accelerate.aliyuncs.com"));
        assertNull(Endpoint.regionOf("oss-rg-china-mainland.aliyuncs.com"));
        assertTrue(Endpoint.parse("oss-accelerate.aliyuncs.com", null).regionGuessed());
        assertEquals("cn-hangzhou", Endpoint.parse("oss-accelerate.aliyuncs.com", "cn-hangzhou").region());
    }

    @Test
    void unparseableDurations() {
        assertEquals("ossagent.exit.timeout=soon is not a duration; write for example 90s, 30m or 2h",
                fails(MINIMAL + "ossagent.exit.timeout=soon\n"));
        assertTrue(fails(MINIMAL + "ossagent.exit.timeout=30 min\n").contains("is not a duration"));
        assertTrue(fails(MINIMAL + "ossagent.exit.timeout=1.5h\n").contains("is not a duration"));
        assertEquals("ossagent.exit.timeout=9999999999999999d is longer than 365 days; write for example 30m",
                fails(MINIMAL + "ossagent.exit.timeout=9999999999999999d\n"));
        assertEquals("ossagent.exit.timeout=1000d is longer than 365 days; write for example 30m",
                fails(MINIMAL + "ossagent.exit.timeout=1000d\n"));
    }

    @Test
    void unparseableNumbers() {
        assertEquals("ossagent.retry.max-attempts=many is not a whole number from 1 to 1000",
                fails(MINIMAL + "ossagent.retry.max-attempts=many\n"));
        assertTrue(fails(MINIMAL + "ossagent.retry.max-attempts=0\n").endsWith("is not a whole number from 1 to 1000"));
        assertEquals("ossagent.multipart.part-size=lots is not a size; write for example 100MiB, 64MB or 1g",
                fails(MINIMAL + "ossagent.multipart.part-size=lots\n"));
    }

    @Test
    void aValueWithANewlineStaysOnOneLine() {
        assertEquals("ossagent.upload.mode=sync\\nossagent.enabled=false is not async or sync",
                fails(MINIMAL + "ossagent.upload.mode=sync\\nossagent.enabled=false\n"));
    }

    @Test
    void longValuesAreCut() {
        String message = fails(MINIMAL + "ossagent.signature=" + "v".repeat(500) + "\n");
        assertTrue(message.length() < 200, message);
        assertTrue(message.contains("v...") && message.endsWith(" is not v4 or v1"), message);
    }

    @Test
    void pathsThatCannotBePaths() {
        assertTrue(fails(MINIMAL + "ossagent.credentials.csv=Access\\u0000Key.csv\n")
                .startsWith("ossagent.credentials.csv=Access\\u0000Key.csv is not a valid path ("));
    }
}
