package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.cli.CliContext;
import dev.ossagent.cli.OssAgentCli;
import dev.ossagent.journal.PendingCount;
import dev.ossagent.localoss.LocalOss;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The server or the network says no, in a real JVM: unknown bucket, access denied, closed port, a host
 * that does not resolve, TLS to a plain-http port, another region. Each is its own one line, bounded in
 * time (no retry storm for what retrying cannot fix), the trainer's exit is unchanged, and the journal
 * keeps every file: once the cause is gone, {@code resume} uploads them.
 */
class ServerFailuresIT {
    private static final String MODEL = "models/rssm_model.pt";
    /** Short retries keep the transient cases quick; the bound itself is ossagent.retry.*. */
    private static final String QUICK_RETRIES = "ossagent.retry.max-attempts=3\nossagent.retry.backoff=50ms\n";

    @TempDir
    Path dir;

    static List<Path> jdks() {
        return Jdks.all();
    }

    private Path stateDir() {
        return dir.resolve("state");
    }

    private JvmRun.Result train(TrainerFixture fixture, Path java, String... jvmArgs) throws Exception {
        JvmRun.Result result = Unchanged.trainer(fixture.trainerWithoutAgent(java, "--epochs", "1").jvmArgs(jvmArgs),
                fixture.trainer(java, "--epochs", "1").jvmArgs(jvmArgs));
        assertEquals(0, result.exitCode, result.toString());
        return result;
    }

    /** The one line that says why the first file failed. */
    private static String failure(JvmRun.Result result) {
        List<String> lines = Unchanged.problems(result.stderr).stream()
                .filter(line -> line.startsWith("ERROR upload of ")).collect(Collectors.toList());
        assertEquals(1, lines.size(), "one failure line, then the session stops:\n" + result.stderr);
        return lines.get(0).substring("ERROR ".length());
    }

    private void assertJournalKeepsAllThree(TrainerFixture fixture, JvmRun.Result result) {
        assertEquals(3, PendingCount.files(stateDir()), "the journal keeps every file");
        assertTrue(result.stderr.contains("[oss-agent] ERROR 3 of 3 files from " + dir.resolve(MODEL)
                + " were not uploaded; the upload journal in " + stateDir().resolve("journal") + " keeps them; finish"
                + " with: java -jar "), result.stderr);
        assertTrue(result.stderr.contains(" resume --config " + fixture.settingsFile), result.stderr);
    }

    private String head(TrainerFixture fixture, String endpoint, String bucket) {
        return "upload of " + dir.resolve(MODEL) + " to " + bucket + "/" + MODEL + " failed: ";
    }

    /** {@code java -jar oss-agent.jar resume --config <settings>}, in this JVM. */
    private String resume(TrainerFixture fixture) {
        return resume(fixture, 0);
    }

    private String resume(TrainerFixture fixture, int expectedCode, String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), new Properties(), dir, false);
        List<String> args = new ArrayList<>(List.of("resume", "--config", fixture.settingsFile.toString()));
        args.addAll(List.of(options));
        int code = OssAgentCli.run(context, args.toArray(new String[0]));
        String printed = "exit " + code + "\n" + out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        SecretWatch.check(printed);
        assertEquals(expectedCode, code, printed);
        return printed;
    }

    private static void assertModelArrived(TrainerFixture fixture, LocalOss server, String bucket) throws Exception {
        assertTrue(Files.mismatch(fixture.workDir.resolve(MODEL), server.root().resolve(bucket).resolve(MODEL)) == -1,
                "model bytes in " + bucket);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static LocalOss server(Path root, int port, boolean strictRegion, String... buckets) throws Exception {
        LocalOss.Builder builder = LocalOss.builder().port(port).root(Files.createDirectories(root))
                .credentials(SecretWatch.KEY_ID, SecretWatch.SECRET);
        for (String bucket : buckets) {
            builder.bucket(bucket);
        }
        if (strictRegion) {
            builder.rejectOtherRegions();
        }
        return builder.build().start();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void unknownBucket(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings(QUICK_RETRIES + "ossagent.model.bucket=hktech-agent-modles");
            JvmRun.Result result = train(fixture, java);

            assertEquals(head(fixture, fixture.server.endpoint(), "hktech-agent-modles") + "bucket hktech-agent-modles does"
                    + " not exist at " + fixture.server.endpoint() + " (NoSuchBucket); create it in the console in region"
                    + " cn-beijing (then resume), or fix ossagent.model.bucket (then resume --retarget)", failure(result));
            assertEquals(1, fixture.server.requestCount(), "no retry: " + fixture.server.requestLog());
            assertJournalKeepsAllThree(fixture, result);

            int port = fixture.server.port();
            fixture.server.stop();
            try (LocalOss withBucket = server(dir.resolve("oss-root"), port, false, "hktech-agent-modles",
                    TrainerFixture.DATA_BUCKET)) {
                resume(fixture);
                assertModelArrived(fixture, withBucket, "hktech-agent-modles");
                assertEquals(0, PendingCount.files(stateDir()));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void accessDenied(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir);
             LocalOss readOnly = LocalOss.builder().port(0).root(Files.createDirectories(dir.resolve("oss-root-2")))
                     .bucket(TrainerFixture.MODEL_BUCKET).bucket(TrainerFixture.DATA_BUCKET)
                     .credentials(SecretWatch.KEY_ID, SecretWatch.SECRET)
                     .readOnlyCredentials("LTAI-TESTREADONLY01", SecretWatch.WRONG_SECRET).build().start()) {
            fixture.writeSettings(QUICK_RETRIES + "ossagent.endpoint=" + readOnly.endpoint());
            fixture.writeCsv("LTAI-TESTREADONLY01", SecretWatch.WRONG_SECRET);
            JvmRun.Result result = train(fixture, java);

            assertEquals(head(fixture, readOnly.endpoint(), TrainerFixture.MODEL_BUCKET) + "access denied (AccessDenied)"
                    + " for id ****LY01 from AccessKey.csv (" + dir.resolve("AccessKey.csv") + ") on bucket "
                    + TrainerFixture.MODEL_BUCKET + "; grant it oss:PutObject (then resume), or use another bucket (then resume"
                    + " --retarget)", failure(result));
            assertEquals(1, readOnly.requestLog().stream().filter(line -> line.startsWith("PUT ")).count(),
                    "no retry: " + readOnly.requestLog());
            assertJournalKeepsAllThree(fixture, result);

            fixture.writeCsv(SecretWatch.KEY_ID, SecretWatch.SECRET);
            resume(fixture);
            assertModelArrived(fixture, readOnly, TrainerFixture.MODEL_BUCKET);
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void closedPortIsRetriedBrieflyThenKeptForResume(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            int port = freePort();
            String endpoint = "http://127.0.0.1:" + port;
            fixture.writeSettings(QUICK_RETRIES + "ossagent.endpoint=" + endpoint);
            JvmRun.Result result = train(fixture, java);

            assertEquals(head(fixture, endpoint, TrainerFixture.MODEL_BUCKET) + "cannot reach " + endpoint
                    + ": connection refused; check ossagent.endpoint and the network", failure(result));
            assertEquals(1, result.stderr.lines().filter(line -> line.contains("has not answered yet, one more try"))
                    .count(), "2 attempts of the first file only, although max-attempts is 3:\n" + result.stderr);
            assertTrue(!result.stderr.contains("retry"), result.stderr);
            assertTrue(fixture.server.requestCount() == 0 && result.seconds < 30, "fast: " + result.seconds + " s");
            assertTrue(result.seconds < 60, "bounded: " + result.seconds + " s");
            assertJournalKeepsAllThree(fixture, result);

            try (LocalOss back = server(dir.resolve("oss-root-back"), port, false, TrainerFixture.MODEL_BUCKET,
                    TrainerFixture.DATA_BUCKET)) {
                resume(fixture);
                assertModelArrived(fixture, back, TrainerFixture.MODEL_BUCKET);
            }
        }
    }

    /**
     * The trainer JVM resolves names only from an empty hosts file (jdk.net.hosts.file), so the lookup
     * fails here and no query leaves the machine; resume then runs with a hosts file that knows the name.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void hostThatDoesNotResolve(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            String endpoint = "http://oss-test.invalid:" + fixture.server.port();
            fixture.writeSettings(QUICK_RETRIES + "ossagent.endpoint=" + endpoint);
            Path noNames = Files.writeString(dir.resolve("hosts-empty"), "# nothing resolves\n");
            JvmRun.Result result = train(fixture, java, "-Djdk.net.hosts.file=" + noNames);

            assertEquals(head(fixture, endpoint, TrainerFixture.MODEL_BUCKET) + "cannot reach " + endpoint
                    + ": unknown host (DNS lookup failed); check ossagent.endpoint and the network", failure(result));
            assertTrue(!result.stderr.contains("retry"), "no retry for a name that does not resolve:\n" + result.stderr);
            assertEquals(0, fixture.server.requestCount());
            assertJournalKeepsAllThree(fixture, result);

            Path names = Files.writeString(dir.resolve("hosts"), "127.0.0.1 " + TrainerFixture.MODEL_BUCKET
                    + ".oss-test.invalid\n127.0.0.1 " + TrainerFixture.DATA_BUCKET + ".oss-test.invalid\n");
            JvmRun.Result resumed = new JvmRun(java, dir).jvmArgs("-Djdk.net.hosts.file=" + names)
                    .launch("-jar", Artifacts.agentJar().toString()).args("resume", "--config", fixture.settingsFile.toString())
                    .run();
            assertEquals(0, resumed.exitCode, resumed.toString());
            assertModelArrived(fixture, fixture.server, TrainerFixture.MODEL_BUCKET);
            assertEquals(0, PendingCount.files(stateDir()));
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void httpsToAPlainHttpPort(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            String endpoint = "https://127.0.0.1:" + fixture.server.port();
            fixture.writeSettings(QUICK_RETRIES + "ossagent.endpoint=" + endpoint);
            JvmRun.Result result = train(fixture, java);

            assertEquals(head(fixture, endpoint, TrainerFixture.MODEL_BUCKET) + "cannot reach " + endpoint + ": TLS"
                    + " handshake failed: the server does not speak TLS there (is it an http:// endpoint?); check"
                    + " ossagent.endpoint and the network", failure(result));
            assertTrue(!result.stderr.contains("retry"), "no retry when TLS cannot work:\n" + result.stderr);
            assertJournalKeepsAllThree(fixture, result);

            // The endpoint was wrong: once fixed, the kept plan names the old one, so it takes --any-endpoint.
            fixture.writeSettings(QUICK_RETRIES + "ossagent.endpoint=" + fixture.server.endpoint());
            String leftAlone = resume(fixture, 1);
            assertTrue(leftAlone.contains("add --any-endpoint to send it to " + fixture.server.endpoint()), leftAlone);
            assertEquals(3, PendingCount.files(stateDir()));
            resume(fixture, 0, "--any-endpoint");
            assertEquals(0, PendingCount.files(stateDir()));
            assertModelArrived(fixture, fixture.server, TrainerFixture.MODEL_BUCKET);
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void regionThatIsNotTheBucketsIsNamedFromOssOwnAnswer(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir);
             LocalOss beijingOnly = server(dir.resolve("oss-root-beijing"), 0, true, TrainerFixture.MODEL_BUCKET,
                     TrainerFixture.DATA_BUCKET)) {
            fixture.writeSettings(QUICK_RETRIES + "ossagent.endpoint=" + beijingOnly.endpoint() + "\nossagent.region=cn-hangzhou");
            JvmRun.Result result = train(fixture, java);

            assertEquals(head(fixture, beijingOnly.endpoint(), TrainerFixture.MODEL_BUCKET) + "bucket "
                    + TrainerFixture.MODEL_BUCKET + " is not in region cn-hangzhou, which " + beijingOnly.endpoint()
                    + " is used with (AccessDenied; OSS says use oss-cn-beijing.aliyuncs.com, region cn-beijing); set"
                    + " ossagent.region=cn-beijing", failure(result));
            assertEquals(1, beijingOnly.requestCount(), "no retry, no extra request to learn the region: "
                    + beijingOnly.requestLog());
            assertJournalKeepsAllThree(fixture, result);

            fixture.writeSettings(QUICK_RETRIES + "ossagent.endpoint=" + beijingOnly.endpoint() + "\nossagent.region=cn-beijing");
            resume(fixture);
            assertModelArrived(fixture, beijingOnly, TrainerFixture.MODEL_BUCKET);
        }
    }
}
