package dev.ossagent.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.log.AgentLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Random settings files, and random environments beside them: parsing ends in settings or in a
 * {@link SettingsException} with a one-line message, never another exception; warnings are one line
 * each; a secret given as {@code access_key_secret} or pasted on a line of its own is never shown.
 */
class SettingsPropertiesTest {
    private static final String SECRET = "Qz8xTESTsecret0Never1Shown2aB3";
    private static final String[] LOG_LINE_STARTS = {
        "[oss-agent] WARN unknown setting ", "[oss-agent] WARN a line in ", "[oss-agent] WARN unknown environment variable "};

    @Property(tries = 500)
    void randomTextGivesSettingsOrOneClearLine(@ForAll("settingsText") String text,
                                               @ForAll("environment") Map<String, String> environment) throws IOException {
        check(text.getBytes(StandardCharsets.UTF_8), environment);
    }

    @Property(tries = 500)
    void randomBytesGiveSettingsOrOneClearLine(@ForAll @Size(max = 400) byte[] bytes) throws IOException {
        check(bytes, Map.of());
    }

    @Property(tries = 300)
    void randomTextInOtherEncodingsGivesOneClearLine(@ForAll("settingsText") String text,
                                                     @ForAll("charsets") String charset) throws IOException {
        check(text.getBytes(java.nio.charset.Charset.forName(charset)), Map.of());
    }

    private static void check(byte[] bytes, Map<String, String> environment) throws IOException {
        Path dir = Files.createTempDirectory("settings-property");
        Path file = Files.write(dir.resolve("oss-agent.properties"), bytes);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        AgentLog.redirectForTests(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            for (boolean forCli : new boolean[] {false, true}) {
                try {
                    RawSettings raw = RawSettings.load(file.toString(), environment, new Properties());
                    raw.enabled();
                    if (forCli) {
                        Settings.parseForCli(raw);
                    } else {
                        Settings.parse(raw);
                    }
                } catch (SettingsException e) {
                    String message = e.getMessage();
                    assertFalse(message.contains("\n") || message.contains("\r"), message);
                    assertFalse(message.contains(SECRET), message);
                    assertFalse(message.isBlank());
                }
            }
        } finally {
            AgentLog.redirectForTests(null);
            Files.delete(file);
            Files.delete(dir);
        }
        String printed = log.toString(StandardCharsets.UTF_8);
        assertFalse(printed.contains(SECRET), printed);
        for (String line : printed.split("\n")) {
            if (!line.isEmpty()) {
                assertTrue(startsWithAny(line), "a warning that is not one line: " + printed);
            }
        }
    }

    private static boolean startsWithAny(String line) {
        for (String start : LOG_LINE_STARTS) {
            if (line.startsWith(start)) {
                return true;
            }
        }
        return false;
    }

    @Provide
    Arbitrary<String> settingsText() {
        List<String> names = new ArrayList<>(SettingNames.ALL);
        names.addAll(SettingNames.FILE_ALIASES);
        names.addAll(List.of("ossagent.modle.bucket", "ossagent.", "OSSAGENT_ENDPOINT", "[oss]", "#", "!", "",
                "ossagent.target.class ", " ossagent.model.bucket", "LTAI-5tTESTID0000000000001"));
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of(names), Arbitraries.strings().ofMaxLength(12));
        Arbitrary<String> separator = Arbitraries.of("=", " = ", ":", " ", "", "\t=");
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("", "30m", "soon", "-5s", "1.5h", "99999999999999999d", "500ms", "true", "maybe", "v1",
                        "v9", "sync", "later", "my-bucket", "My_Bucket", "ab", "-bucket", "http//x", "https://h/p",
                        "http://127.0.0.1:9000", "oss-cn-hangzhou.aliyuncs.com", "ftp://x", "a b", "cn-hangzhou",
                        "${model}", "${modelDir}/x", "C:\\\\data", "\\u12G4", "\\u0000", "\\n", "\\", "\u00e9\u4e2d\u6587",
                        "/dev/null", "a,b,,c", "\u0000"),
                Arbitraries.strings().ofMaxLength(20));
        Arbitrary<String> setting = Combinators.combine(name, separator, value).as((n, s, v) -> n + s + v)
                // A trailing backslash joins the next line; it must not join a secret to another setting.
                .map(line -> line.replaceAll("\\\\+$", ""));
        Arbitrary<String> secretLine = Arbitraries.of("access_key_secret = " + SECRET, "access_key_secret:" + SECRET,
                SECRET, "  " + SECRET + "  ", "LTAI-5tTESTID0000000000001," + SECRET, SECRET + "=");
        Arbitrary<String> line = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, setting), net.jqwik.api.Tuple.of(1, secretLine));
        Arbitrary<String> end = Arbitraries.of("\n", "\r\n", "\r");
        return Combinators.combine(line, end).as((l, e) -> l + e).list().ofMaxSize(8)
                .map(lines -> String.join("", lines));
    }

    @Provide
    Arbitrary<Map<String, String>> environment() {
        Arbitrary<String> names = Arbitraries.of("OSSAGENT_TARGET_CLASS", "OSSAGENT_MODEL_BUCKET", "OSSAGENT_ENDPOINT",
                "OSSAGENT_REGION", "OSSAGENT_EXIT_TIMEOUT", "OSSAGENT_ENABLED", "OSSAGENT_MODLE_BUCKET", "OSSAGENT_",
                "OSSAGENT_DATA_FILES", "OSSAGENT_STATE_DIR");
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.of("com.example.T", "models-1", "x", "", "5m",
                "false", "cn-beijing"), Arbitraries.strings().ofMaxLength(10));
        return Arbitraries.maps(names, values).ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> charsets() {
        return Arbitraries.of("ISO-8859-1", "UTF-16", "UTF-16LE", "GBK", "UTF-8");
    }
}
