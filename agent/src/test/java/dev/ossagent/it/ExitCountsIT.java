package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.it.fixture.SaveLoopMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    @Test
    void stillUploadingShowsTheBytesOfAnUploadInFlightUntilOssAnswersIt() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings("ossagent.multipart.threshold=64MiB\n");
            // 6 MiB at 300 kB/s: about 20 s in flight; after 5 s, when the first line comes, OSS has 1.5 MB of it,
            // while socket buffers have taken megabytes more from the file.
            fixture.server.maxBandwidth(300_000);
            JvmRun.Result result = fixture.trainer(JAVA, "--pad-model-mb", "6").timeoutSeconds(600).run();

            assertEquals(0, result.exitCode, result.toString());
            List<String> still = result.stderr.lines().filter(line -> line.contains("still uploading:"))
                    .collect(Collectors.toList());
            System.out.println("exit lines: " + still);
            assertTrue(!still.isEmpty(), result.stderr);
            for (String line : still) {
                assertTrue(!line.contains(" 0 B left"), "an upload in flight has bytes left: " + result.stderr);
            }
            Matcher first = Pattern.compile("file\\(s\\), ([0-9.]+) (B|KiB|MiB) left").matcher(still.get(0));
            assertTrue(first.find(), still.get(0));
            double left = Double.parseDouble(first.group(1)) * (first.group(2).equals("MiB") ? 1 << 20
                    : first.group(2).equals("KiB") ? 1 << 10 : 1);
            assertTrue(left >= 4 << 20, "the PutObject OSS has not answered counts as left: " + still.get(0));
        }
    }
}
