package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.it.fixture.SaveLoopMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the exit lines count and claim (issue 21, point 5), in a real JVM under the agent. */
class ExitCountsIT {
    private static final Path JAVA = Paths.get(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path dir;

    private static Path testClasses() throws Exception {
        return Paths.get(SaveLoopMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void aFileHeldByTwoPlansThatBothFailIsCountedOnce() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings("ossagent.target.class=dev.ossagent.it.fixture.StampedSaves\n"
                    + "ossagent.target.method=saveByRename\nossagent.model.files=${model}\nossagent.data.files=\n"
                    + "ossagent.upload.mode=sync\n");
            fixture.server.faults().failRatio(1.0);
            Path out = Files.createDirectories(dir.resolve("out"));
            JvmRun.Result result = new JvmRun(JAVA, dir).jvmArgs(fixture.agentArg(), "-Dossagent.retry.max-attempts=1")
                    .timeoutSeconds(600).launch("-cp", testClasses().toString(), SaveLoopMain.class.getName())
                    .args("rename", out.toString(), "3", "1", "0").run();

            List<String> exitLines = result.stderr.lines().filter(line -> line.contains("exiting with"))
                    .collect(Collectors.toList());
            assertEquals(List.of("[oss-agent] ERROR exiting with 1 file(s) not uploaded"), exitLines.stream()
                    .map(line -> line.replaceAll(";.*", "")).collect(Collectors.toList()), result.stderr);
            assertTrue(result.stderr.contains("latest.bin"), result.stderr);
        }
    }
}
