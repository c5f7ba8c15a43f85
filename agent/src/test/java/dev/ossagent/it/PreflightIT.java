package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22.1: a wrong setting is told when the first target class loads, not when training ends. Each case runs
 * the real agent jar in the demo trainer and checks the first words of the one line and the exit code; the
 * seconds from JVM start to that line are printed ("[timing]") for the note.
 */
class PreflightIT {
    private static final Path JAVA = Paths.get(System.getProperty("java.home"), "bin", "java");
    private static final String WARN = "-Dossagent.preflight=warn";
    /** Training long enough (seconds) that the preflight's line comes before train returns, as in real use. */
    private static final String[] LONG = {"--epochs", "3000"};

    @TempDir
    Path dir;

    /** The first agent line starting with {@code start}, and the seconds from JVM start until it was printed. */
    private static String waitFor(JvmRun.Started run, String start, String label) throws Exception {
        long begin = System.nanoTime();
        while (System.nanoTime() - begin < 60_000_000_000L) {
            for (String line : Unchanged.agentLines(run.stderrSoFar())) {
                if (line.startsWith(start)) {
                    System.out.printf(Locale.ROOT, "[timing] %s: %.1f s from JVM start to: %.60s%n", label,
                            (System.nanoTime() - begin) / 1e9, line);
                    return line;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no line starting " + start + ":\n" + run.stderrSoFar());
    }

    private static List<String> lines(JvmRun.Result result, String start) {
        return Unchanged.agentLines(result.stderr).stream().filter(line -> line.startsWith(start))
                .collect(Collectors.toList());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void readyInOneLineWithOneReadOnlyRequestPerBucket() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            JvmRun.Started run = fixture.trainer(JAVA, LONG).jvmArgs(WARN).start();
            String ready = waitFor(run, "ready: ", "all good");
            JvmRun.Result result = run.await();
            assertEquals(0, result.exitCode, result.toString());
            assertTrue(ready.startsWith("ready: " + fixture.server.endpoint() + " answered in "), ready);
            assertTrue(ready.contains("bucket hktech-agent-models (oss-cn-beijing), bucket cloud-training"), ready);
            assertEquals(List.of(), Unchanged.problems(result.stderr));
            List<String> preflight = fixture.server.requestLog().stream().filter(line -> line.contains("bucketInfo"))
                    .collect(Collectors.toList());
            assertEquals(2, preflight.size(), fixture.server.requestLog().toString());
            assertTrue(preflight.stream().allMatch(line -> line.startsWith("GET ")), preflight.toString());
        }
    }

    @Test
    void wrongModelBucketIsOneErrorAtTheTargetLoad() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            JvmRun.Started run = fixture.trainer(JAVA, LONG).jvmArgs(WARN,
                    "-Dossagent.model.bucket=hktech-agent-modles").start();
            String error = waitFor(run, "ERROR bucket ", "ossagent.model.bucket typo");
            JvmRun.Result result = run.await();
            assertEquals(0, result.exitCode, "warn: the trainer runs on\n" + result);
            assertTrue(error.startsWith("ERROR bucket hktech-agent-modles does not exist at " + fixture.server.endpoint()
                    + " (NoSuchBucket); create it in the console in region cn-beijing (then resume), or fix"
                    + " ossagent.model.bucket (then resume --retarget) (preflight at the first target load;"), error);
            assertTrue(result.stderr.indexOf(error) < result.stderr.indexOf("ERROR upload of"), "told before training"
                    + " ends:\n" + result.stderr);
        }
    }

    @Test
    void wrongDataBucket() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            JvmRun.Started run = fixture.trainer(JAVA, LONG).jvmArgs(WARN,
                    "-Dossagent.data.bucket=cloud-trainng").start();
            String error = waitFor(run, "ERROR bucket ", "ossagent.data.bucket typo");
            assertEquals(0, run.await().exitCode);
            assertTrue(error.startsWith("ERROR bucket cloud-trainng does not exist at "), error);
            assertTrue(error.contains("or fix ossagent.data.bucket (then resume --retarget)"), error);
        }
    }

    @Test
    void wrongPortIsToldInSecondsAndTheFirstUploadTriesTwiceOnly() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            String endpoint = "http://127.0.0.1:" + freePort();
            JvmRun.Started run = fixture.trainer(JAVA, LONG).jvmArgs(WARN, "-Dossagent.endpoint=" + endpoint)
                    .start();
            String error = waitFor(run, "ERROR cannot reach ", "wrong port");
            JvmRun.Result result = run.await();
            assertEquals(0, result.exitCode);
            assertTrue(error.startsWith("ERROR cannot reach " + endpoint + ": connection refused; check ossagent.endpoint"),
                    error);
            assertEquals(1, lines(result, "WARN ").stream().filter(line -> line.contains("one more try")).count(),
                    result.stderr);
            assertTrue(result.seconds < 30, "nothing waits on an endpoint that never answered: " + result.seconds);
        }
    }

    @Test
    void endpointHostTypo() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            Path noNames = Files.writeString(dir.resolve("hosts-empty"), "# nothing resolves\n");
            String endpoint = "http://oss-cn-bejing.invalid:" + fixture.server.port();
            JvmRun.Started run = fixture.trainer(JAVA, LONG).jvmArgs(WARN, "-Djdk.net.hosts.file=" + noNames,
                    "-Dossagent.endpoint=" + endpoint).start();
            String error = waitFor(run, "ERROR cannot reach ", "ossagent.endpoint typo");
            assertEquals(0, run.await().exitCode);
            assertTrue(error.startsWith("ERROR cannot reach " + endpoint + ": unknown host (DNS lookup failed); check"
                    + " ossagent.endpoint"), error);
        }
    }

    @Test
    void noCredentialsIsSaidOnceAtTheTargetLoad() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            JvmRun.Started run = fixture.trainer(JAVA, LONG).jvmArgs(WARN,
                    "-Dossagent.credentials.csv=AcessKey.csv").start();
            String error = waitFor(run, "ERROR ", "ossagent.credentials.csv typo (no credentials)");
            JvmRun.Result result = run.await();
            assertEquals(0, result.exitCode);
            assertTrue(error.startsWith("ERROR no credentials: "), error);
            assertEquals(1, lines(result, "ERROR no credentials").size(), "once, not again per save:\n" + result.stderr);
            assertEquals(0, fixture.server.requestCount());
        }
    }

    @Test
    void wrongSecret() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeCsv(SecretWatch.KEY_ID, SecretWatch.WRONG_SECRET);
            JvmRun.Started run = fixture.trainer(JAVA, LONG).jvmArgs(WARN).start();
            String error = waitFor(run, "ERROR the access key ", "wrong secret");
            assertEquals(0, run.await().exitCode);
            assertTrue(error.startsWith("ERROR the access key secret for id "), error);
        }
    }

    @Test
    void failModeExitsBeforeTheTrainersMainGoesOn() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            JvmRun.Result result = fixture.trainer(JAVA, "--epochs", "1").jvmArgs("-Dossagent.preflight=fail",
                    "-Dossagent.model.bucket=hktech-agent-modles").run();
            assertEquals(1, result.exitCode, result.toString());
            assertEquals("", result.stdout, "no epoch ran");
            assertEquals(List.of("ERROR bucket hktech-agent-modles does not exist at " + fixture.server.endpoint()
                    + " (NoSuchBucket); create it in the console in region cn-beijing (then resume), or fix"
                    + " ossagent.model.bucket (then resume --retarget) (preflight at the first target load)",
                    "ERROR exiting with code 1 before training (ossagent.preflight=fail)"), Unchanged.problems(result.stderr));

            JvmRun.Result coded = fixture.trainer(JAVA, "--epochs", "1").jvmArgs("-Dossagent.preflight=fail",
                    "-Dossagent.exit.failure-code=5", "-Dossagent.model.bucket=hktech-agent-modles").run();
            assertEquals(5, coded.exitCode, coded.toString());
        }
    }

    @Test
    void failModeWithAGoodSetupTrainsAsUsual() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            JvmRun.Result result = Unchanged.trainer(fixture.trainerWithoutAgent(JAVA, "--epochs", "1"),
                    fixture.trainer(JAVA, "--epochs", "1").jvmArgs("-Dossagent.preflight=fail"));
            assertTrue(lines(result, "ready: ").size() == 1, result.stderr);
        }
    }

    @Test
    void targetClassTypoIsToldAtExitOnlyForNoTargetEverLoads() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            JvmRun.Started run = fixture.trainer(JAVA, "--epochs", "1").jvmArgs(WARN,
                    "-Dossagent.target.class=dev.ossagent.demo.DemoTrainr").start();
            String warn = waitFor(run, "WARN ", "ossagent.target.class typo");
            assertEquals(0, run.await().exitCode);
            assertTrue(warn.startsWith("WARN target class dev.ossagent.demo.DemoTrainr was never loaded"), warn);
        }
    }

    @Test
    void aPreflightValueThatIsNoneOfTheThreeIsOneLine() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            JvmRun.Result result = fixture.trainer(JAVA, "--epochs", "1").jvmArgs("-Dossagent.preflight=yes").run();
            assertEquals(0, result.exitCode, result.toString());
            assertEquals(List.of("ERROR ossagent.preflight=yes is not warn, off or fail; the trainer runs on without"
                    + " automatic upload"), Unchanged.problems(result.stderr));
        }
    }
}
