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
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final Map<String, String> env = new HashMap<>();
    private final Properties system = new Properties();

    @BeforeEach
    void captureLog() {
        AgentLog.redirectForTests(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreLog() {
        AgentLog.redirectForTests(null);
    }

    private Path file(String text) throws Exception {
        Path file = dir.resolve("oss-agent.properties");
        Files.writeString(file, text);
        return file;
    }

    private Settings load(String text) throws Exception {
        return Settings.parse(RawSettings.load(file(text).toString(), env, system));
    }

    private static final String MINIMAL = "ossagent.target.class=com.example.Trainer\nossagent.model.bucket=models-bucket\n";

    @Test
    void defaultsFollowTheDesign() throws Exception {
        Settings settings = load(MINIMAL);
        assertTrue(settings.enabled());
        assertFalse(settings.dryRun());
        assertEquals("com.example.Trainer#train", settings.targets().toString());
        assertEquals(List.of("${model}"), settings.modelFiles());
        assertEquals(List.of(), settings.dataFiles());
        assertEquals("https://oss-cn-beijing.aliyuncs.com", settings.endpoint().url());
        assertEquals("cn-beijing", settings.endpoint().region());
        assertFalse(settings.signatureV1());
        assertEquals("models/", settings.modelPrefix());
        assertEquals("training-data/", settings.dataPrefix());
        assertEquals(dir.resolve("AccessKey.csv"), settings.credentialsCsv());
        assertEquals(Settings.UploadMode.ASYNC, settings.uploadMode());
        assertEquals(Duration.ofMinutes(30), settings.exitTimeout());
    }

    @Test
    void systemPropertyBeatsEnvironmentWhichBeatsTheFile() throws Exception {
        String text = MINIMAL + "ossagent.model.prefix=from-file/\nossagent.data.prefix=from-file/\nossagent.dry-run=false\n";
        env.put("OSSAGENT_MODEL_PREFIX", "from-env/");
        env.put("OSSAGENT_DATA_PREFIX", "from-env/");
        env.put("OSSAGENT_DRY_RUN", "true");
        system.setProperty("ossagent.model.prefix", "from-d/");
        Settings settings = load(text);
        assertEquals("from-d/", settings.modelPrefix());
        assertEquals("from-env/", settings.dataPrefix());
        assertTrue(settings.dryRun());
    }

    @Test
    void pythonConfKeysAreAliases() throws Exception {
        Settings settings = load("ossagent.target.class=T\noss_bucket=legacy-bucket\noss_endpoint=oss-cn-hangzhou.aliyuncs.com\n"
                + "access_key_id = LTAI-TESTID00000001\naccess_key_secret = test-secret-never-print-1\n");
        assertEquals("legacy-bucket", settings.modelBucket());
        assertEquals("cn-hangzhou", settings.endpoint().region());
        assertEquals("LTAI-TESTID00000001", settings.fileAccessKeyId());
        assertEquals("test-secret-never-print-1", settings.fileAccessKeySecret());
        assertFalse(log.toString(StandardCharsets.UTF_8).contains("unknown setting"), log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void misspeltKeyGetsTheNearestName() throws Exception {
        load(MINIMAL + "ossagent.modle.bucket=x\n");
        String out = log.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("unknown setting ossagent.modle.bucket"), out);
        assertTrue(out.contains("did you mean ossagent.model.bucket?"), out);
    }

    @Test
    void misspeltEnvironmentVariableGetsTheNearestName() throws Exception {
        env.put("OSSAGENT_MODLE_BUCKET", "x");
        load(MINIMAL);
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("did you mean OSSAGENT_MODEL_BUCKET?"));
    }

    @Test
    void missingTargetClassNamesTheSettingAndTheFile() throws Exception {
        SettingsException e = assertThrows(SettingsException.class, () -> load("ossagent.model.bucket=b-1\n"));
        assertTrue(e.getMessage().startsWith("ossagent.target.class is not set in " + dir.resolve("oss-agent.properties")),
                e.getMessage());
    }

    @Test
    void missingModelBucketIsNamed() throws Exception {
        SettingsException e = assertThrows(SettingsException.class, () -> load("ossagent.target.class=T\n"));
        assertTrue(e.getMessage().startsWith("ossagent.model.bucket is not set"), e.getMessage());
    }

    @Test
    void dataBucketIsRequiredOnlyWhenThereAreDataFiles() throws Exception {
        SettingsException e = assertThrows(SettingsException.class,
                () -> load(MINIMAL + "ossagent.data.files=data.json\n"));
        assertTrue(e.getMessage().startsWith("ossagent.data.bucket is not set"), e.getMessage());
        assertNull(load(MINIMAL).dataBucket());
    }

    @Test
    void unreadableFilesGetOneLineNamingThem() throws Exception {
        assertTrue(assertThrows(SettingsException.class,
                () -> RawSettings.load(dir.resolve("nope.properties").toString(), env, system))
                .getMessage().contains("does not exist"));
        assertTrue(assertThrows(SettingsException.class, () -> RawSettings.load(dir.toString(), env, system))
                .getMessage().contains("is a folder"));
        assertTrue(assertThrows(SettingsException.class, () -> load("  \n"))
                .getMessage().contains("is empty"));
        assertTrue(assertThrows(SettingsException.class, () -> load("ossagent.target.class=\\u12G4\n"))
                .getMessage().contains("is malformed"));
        Path latin1 = dir.resolve("latin1.properties");
        Files.write(latin1, "ossagent.model.prefix=mod\u00e8les/\n".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(assertThrows(SettingsException.class, () -> RawSettings.load(latin1.toString(), env, system))
                .getMessage().contains("is not UTF-8"));
    }

    @Test
    void badValuesNameTheSettingAndTheValue() {
        assertEquals("ossagent.exit.timeout=soon is not a duration; write for example 90s, 30m or 2h",
                assertThrows(SettingsException.class, () -> load(MINIMAL + "ossagent.exit.timeout=soon\n")).getMessage());
        assertTrue(assertThrows(SettingsException.class, () -> load(MINIMAL + "ossagent.upload.mode=later\n"))
                .getMessage().startsWith("ossagent.upload.mode=later is not async or sync"));
        assertTrue(assertThrows(SettingsException.class, () -> load(MINIMAL + "ossagent.enabled=maybe\n"))
                .getMessage().startsWith("ossagent.enabled=maybe is not true or false"));
        assertTrue(assertThrows(SettingsException.class, () -> load(MINIMAL + "ossagent.signature=v2\n"))
                .getMessage().startsWith("ossagent.signature=v2 is not v4 or v1"));
    }

    @Test
    void invalidBucketNamesAreCaughtBeforeAnyRequest() {
        for (String bad : new String[] {"My-Bucket", "ab", "my_bucket", "-bucket"}) {
            SettingsException e = assertThrows(SettingsException.class,
                    () -> load("ossagent.target.class=T\nossagent.model.bucket=" + bad + "\n"));
            assertTrue(e.getMessage().startsWith("ossagent.model.bucket=" + bad + " is not a valid bucket name"),
                    e.getMessage());
        }
    }

    @Test
    void durations() throws Exception {
        assertEquals(Duration.ofSeconds(90), Durations.parse("x", "90s"));
        assertEquals(Duration.ofSeconds(90), Durations.parse("x", "90"));
        assertEquals(Duration.ofMinutes(30), Durations.parse("x", "30m"));
        assertEquals(Duration.ofHours(2), Durations.parse("x", "2h"));
        assertEquals(Duration.ofMillis(500), Durations.parse("x", "500ms"));
        assertThrows(SettingsException.class, () -> Durations.parse("x", "-1s"));
        assertThrows(SettingsException.class, () -> Durations.parse("x", "5y"));
    }

    @Test
    void endpointsAndRegions() throws Exception {
        assertEquals("https://oss-cn-beijing.aliyuncs.com", Endpoint.parse("oss-cn-beijing.aliyuncs.com", null).url());
        assertEquals("cn-shanghai", Endpoint.parse("https://oss-cn-shanghai-internal.aliyuncs.com", null).region());
        assertEquals("http://127.0.0.1:9000", Endpoint.parse("http://127.0.0.1:9000", null).url());
        Endpoint loopback = Endpoint.parse("http://127.0.0.1:9000", null);
        assertTrue(loopback.regionGuessed());
        assertTrue(loopback.pathStyle());
        assertEquals("cn-beijing", loopback.region());
        assertEquals("ap-southeast-1", Endpoint.parse("http://localhost:9000", "ap-southeast-1").region());
        assertFalse(Endpoint.parse("oss-cn-beijing.aliyuncs.com", null).pathStyle());
        for (String bad : new String[] {"http//x", "oss cn beijing", "https://oss-cn-beijing.aliyuncs.com/bucket", "ftp://x"}) {
            SettingsException e = assertThrows(SettingsException.class, () -> Endpoint.parse(bad, null), bad);
            assertTrue(e.getMessage().startsWith("ossagent.endpoint=" + bad + " is not a valid endpoint"), e.getMessage());
        }
    }

    @Test
    void nearestNameIsNullForNonsense() {
        assertNull(SettingNames.nearest("completely.unrelated.thing.here"));
        assertEquals("ossagent.target.class", SettingNames.nearest("ossagent.target.clas"));
    }
}
