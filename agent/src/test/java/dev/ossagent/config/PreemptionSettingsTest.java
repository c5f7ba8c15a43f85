package dev.ossagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ossagent.preemption, .poll, .grace, ossagent.restore, .dir, .timeout and ossagent.latest.preempted. */
class PreemptionSettingsTest {
    private static final String MINIMAL = "ossagent.target.class=com.example.Trainer\nossagent.model.bucket=models-bucket\n";

    @TempDir
    Path dir;

    private Settings load(String text) throws Exception {
        Path file = Files.writeString(dir.resolve("oss-agent.properties"), MINIMAL + text);
        return Settings.parse(RawSettings.load(file.toString(), Map.of(), new Properties()));
    }

    private String fails(String text) {
        SettingsException e = assertThrows(SettingsException.class, () -> load(text));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void defaults() throws Exception {
        Settings settings = load("");
        assertTrue(settings.preemption().enabled());
        assertEquals(Duration.ofSeconds(5), settings.preemption().poll());
        assertEquals(Duration.ofSeconds(25), settings.preemption().grace());
        assertNull(settings.preemption().graceProblem());
        assertTrue(settings.preemption().latestPreempted());
        assertNull(settings.restore().run());
        assertEquals(Duration.ofMinutes(10), settings.restore().timeout());
    }

    @Test
    void offAndBadModes() throws Exception {
        assertFalse(load("ossagent.preemption=OFF").preemption().enabled());
        assertEquals("ossagent.preemption=maybe is not auto or off", fails("ossagent.preemption=maybe"));
        assertTrue(fails("ossagent.preemption.poll=50ms").contains("shorter than 200ms"));
        assertTrue(fails("ossagent.preemption.grace=soon").startsWith("ossagent.preemption.grace=soon is not a duration"));
    }

    @Test
    void aGraceOfZeroOrLongerThanTheExitTimeoutIsCorrectedWithOneLine() throws Exception {
        PreemptionSettings zero = load("ossagent.preemption.grace=0").preemption();
        assertEquals(Duration.ofSeconds(25), zero.grace());
        assertEquals("ossagent.preemption.grace=0 leaves no time to send anything after SIGTERM; using the default 25s",
                zero.graceProblem());
        PreemptionSettings longer = load("ossagent.preemption.grace=2m\nossagent.exit.timeout=60s").preemption();
        assertEquals(Duration.ofSeconds(60), longer.grace());
        assertEquals("ossagent.preemption.grace=120s is longer than ossagent.exit.timeout=60s; the exit waits at most 60s",
                longer.graceProblem());
    }

    @Test
    void restore() throws Exception {
        RestoreSettings latest = load("ossagent.restore=latest\nossagent.restore.dir=ckpt\nossagent.restore.timeout=30s")
                .restore();
        assertEquals("latest", latest.run());
        assertEquals(dir.resolve("ckpt"), latest.dir());
        assertEquals(Duration.ofSeconds(30), latest.timeout());
        assertEquals("20261206T050000Z-host-1a2b", load("ossagent.restore=20261206T050000Z-host-1a2b\n"
                + "ossagent.restore.dir=/tmp/x").restore().run());
        assertEquals("ossagent.restore=latest needs ossagent.restore.dir, the folder the trainer resumes from",
                fails("ossagent.restore=latest"));
        assertTrue(fails("ossagent.restore=a/b\nossagent.restore.dir=x").startsWith(
                "ossagent.restore=a/b is not latest nor a run id"));
        assertFalse(load("ossagent.latest.preempted=false").preemption().latestPreempted());
    }
}
