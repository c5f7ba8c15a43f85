package dev.ossagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A value that fails to parse is named but never echoed when it could be a secret, from any source. */
class SecretValuesTest {
    private static final String MINIMAL = "ossagent.target.class=com.example.Trainer\nossagent.model.bucket=models-bucket\n";
    private static final String SECRET = "Abcdefghij0123456789KLMNOPqrst";
    private static final String HIDDEN = "(30 characters, not shown: it could be a key)";

    @TempDir
    Path dir;

    private String fails(String fileText, Map<String, String> env, Properties system) throws Exception {
        Path file = Files.writeString(dir.resolve("oss-agent.properties"), MINIMAL + fileText);
        SettingsException e = assertThrows(SettingsException.class,
                () -> Settings.parse(RawSettings.load(file.toString(), env, system)));
        assertFalse(e.getMessage().contains(SECRET.substring(0, 8)), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET.substring(SECRET.length() - 8)), e.getMessage());
        return e.getMessage();
    }

    @Test
    void aSecretInTheFileIsNamedNotShown() throws Exception {
        String message = fails("ossagent.exit.timeout=" + SECRET + "\n", Map.of(), new Properties());
        assertTrue(message.startsWith("ossagent.exit.timeout=" + HIDDEN + " is not a duration"), message);
    }

    @Test
    void aSecretInTheEnvironmentIsNamedNotShown() throws Exception {
        String message = fails("", Map.of("OSSAGENT_UPLOAD_MODE", SECRET), new Properties());
        assertTrue(message.startsWith("ossagent.upload.mode=" + HIDDEN + " is not async or sync"), message);
    }

    @Test
    void aSecretInADashDIsNamedNotShown() throws Exception {
        Properties system = new Properties();
        system.setProperty("ossagent.dry-run", SECRET);
        assertTrue(fails("", Map.of(), system).startsWith("ossagent.dry-run=" + HIDDEN), SECRET);
        system = new Properties();
        system.setProperty("ossagent.multipart.threads", SECRET);
        assertTrue(fails("", Map.of(), system).startsWith("ossagent.multipart.threads=" + HIDDEN), SECRET);
        system = new Properties();
        system.setProperty("ossagent.multipart.part-size", SECRET);
        assertTrue(fails("", Map.of(), system).startsWith("ossagent.multipart.part-size=" + HIDDEN), SECRET);
    }

    @Test
    void everySettingErrorHidesAKeyLikeValue() throws Exception {
        for (String name : SettingNames.ALL) {
            Properties system = new Properties();
            system.setProperty(SettingNames.TARGET_CLASS, "com.example.Trainer");
            system.setProperty(SettingNames.MODEL_BUCKET, "models-bucket");
            system.setProperty(name, SECRET);
            try {
                Settings.parse(RawSettings.load(null, Map.of(), system));
            } catch (SettingsException e) {
                assertFalse(e.getMessage().contains(SECRET.substring(0, 8)), e.getMessage());
                assertFalse(e.getMessage().contains(SECRET.substring(SECRET.length() - 8)), e.getMessage());
            }
        }
    }

    @Test
    void aValueThatCannotBeASecretIsStillEchoed() throws Exception {
        assertEquals("ossagent.exit.timeout=30 minutes is not a duration; write for example 90s, 30m or 2h",
                fails("ossagent.exit.timeout=30 minutes\n", Map.of(), new Properties()));
    }
}
