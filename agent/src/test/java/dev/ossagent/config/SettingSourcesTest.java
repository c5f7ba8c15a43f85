package dev.ossagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 22.4: each setting in force with where it came from; unknown names for test to fail on. */
class SettingSourcesTest {
    @TempDir
    Path dir;

    private static String line(List<String> lines, String name) {
        return lines.stream().filter(line -> line.startsWith(name + " ")).findFirst().orElseThrow().replaceAll(" +", " ");
    }

    @Test
    void eachSourceIsNamedAndAliasesToo() throws Exception {
        Path file = Files.writeString(dir.resolve("oss-agent.properties"),
                "oss_bucket = py-bucket\nossagent.exit.timeout=5m\nossagent.model.prefx=runs/\n");
        Properties system = new Properties();
        system.setProperty("ossagent.upload.mode", "sync");
        RawSettings raw = RawSettings.load(file.toString(), Map.of("OSSAGENT_DRY_RUN", "true"), system);
        List<String> lines = SettingSources.inForce(raw);
        assertEquals("ossagent.model.bucket = py-bucket (file " + file + ", as oss_bucket)",
                line(lines, "ossagent.model.bucket"));
        assertEquals("ossagent.exit.timeout = 5m (file " + file + ")", line(lines, "ossagent.exit.timeout"));
        assertEquals("ossagent.upload.mode = sync (-D)", line(lines, "ossagent.upload.mode"));
        assertEquals("ossagent.dry-run = true (environment OSSAGENT_DRY_RUN)", line(lines, "ossagent.dry-run"));
        assertEquals("ossagent.preflight = warn (default)", line(lines, "ossagent.preflight"));
        assertEquals(SettingNames.ALL.size(), lines.size());
        List<String> unknown = SettingSources.unknown(raw);
        assertEquals(1, unknown.size(), unknown.toString());
        assertTrue(unknown.get(0).startsWith("unknown setting ossagent.model.prefx in " + file), unknown.get(0));
    }
}
