package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import dev.ossagent.cli.CliContext;
import dev.ossagent.cli.OssAgentCli;
import dev.ossagent.localoss.IncompleteUpload;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incomplete multipart uploads, billed until aborted: the agent marks its own (x-oss-meta-oss-agent, -run, -host);
 * a new run and {@code resume} abort those under their own prefixes that are older than
 * {@code ossagent.multipart.orphan-age} and that no checkpoint of the state dir continues, and leave the rest.
 */
class OrphanedUploadsIT {
    private static final Path JAVA = Paths.get(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path dir;

    @Test
    void aNewRunAbortsOrphansUnderItsPrefixesOnlyOnceOlderThanTheAge() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            String orphan = initiate(fixture, TrainerFixture.MODEL_BUCKET, "models/earlier-run/model.bin");
            String dataOrphan = initiate(fixture, TrainerFixture.DATA_BUCKET, "training-data/old.json");
            String foreign = initiate(fixture, TrainerFixture.MODEL_BUCKET, "elsewhere/not-ours.bin");

            JvmRun.Result young = fixture.trainer(JAVA).run(); // default age 24h: a minute-old upload may be live
            assertEquals(0, young.exitCode, young.toString());
            assertEquals(List.of(foreign, orphan, dataOrphan), ids(fixture), "nothing aborted yet: " + young.stderr);

            JvmRun.Result old = fixture.trainer(JAVA).jvmArgs("-Dossagent.multipart.orphan-age=0s").run();
            assertEquals(0, old.exitCode, old.toString());
            assertEquals(List.of(foreign), ids(fixture), old.stderr);
            assertTrue(old.stderr.contains("aborted the incomplete multipart upload of " + TrainerFixture.MODEL_BUCKET
                    + "/models/earlier-run/model.bin begun "), old.stderr);
            assertTrue(old.stderr.contains("aborted 1 incomplete multipart upload(s) under " + TrainerFixture.DATA_BUCKET
                    + "/training-data/"), old.stderr);
            assertTrue(old.stderr.contains("uploads finished"), old.stderr);
        }
    }

    @Test
    void aKilledUploadIsMarkedAndResumeContinuesItWhileAbortingAnOrphan() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings(String.join("\n", "ossagent.multipart.threshold=1MiB",
                    "ossagent.multipart.part-size=1MiB", "ossagent.multipart.threads=2", "ossagent.run.id=run-7",
                    "ossagent.multipart.orphan-age=0s"));
            fixture.server.faults().delayMillis(100);
            JvmRun.Started trainer = fixture.trainer(JAVA, "--pad-model-mb", "32").start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (partsStored(fixture) < 4) {
                assertTrue(System.nanoTime() < deadline, "parts should be arriving: " + trainer.stderrSoFar());
                Thread.sleep(20);
            }
            trainer.kill();
            fixture.server.faults().clear();

            List<IncompleteUpload> left = fixture.server.incompleteUploads();
            assertEquals(1, left.size(), left.toString());
            IncompleteUpload killed = left.get(0);
            assertEquals("models/rssm_model.pt", killed.key);
            assertEquals("run-7", killed.userMeta.get("run"), killed.toString());
            assertFalse(killed.userMeta.getOrDefault("oss-agent", "").isEmpty(), killed.toString());
            assertFalse(killed.userMeta.getOrDefault("host", "").isEmpty(), killed.toString());

            String orphan = initiate(fixture, TrainerFixture.MODEL_BUCKET, "models/lost-journal/model.bin");
            String out = resume(fixture);

            assertTrue(out.contains("aborted the incomplete multipart upload of " + TrainerFixture.MODEL_BUCKET
                    + "/models/lost-journal/model.bin"), out);
            assertFalse(out.contains("/models/rssm_model.pt begun"), "the checkpoint continues it: " + out);
            assertEquals(List.of(), ids(fixture), "the killed upload completed, the orphan aborted: " + orphan);
            assertEquals(-1, Files.mismatch(dir.resolve("models/rssm_model.pt"),
                    fixture.server.root().resolve(TrainerFixture.MODEL_BUCKET).resolve("models/rssm_model.pt")));
        }
    }

    private static long partsStored(TrainerFixture fixture) {
        return fixture.server.requestLog().stream()
                .filter(line -> line.startsWith("PUT ") && line.contains("partNumber=") && line.endsWith("-> 200"))
                .count();
    }

    private static List<String> ids(TrainerFixture fixture) {
        List<String> ids = new ArrayList<>();
        for (IncompleteUpload upload : fixture.server.incompleteUploads()) {
            ids.add(upload.uploadId);
        }
        return ids;
    }

    /** An upload begun by someone else and never finished: no marks, no checkpoint. */
    private static String initiate(TrainerFixture fixture, String bucket, String key) {
        ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
        conf.setSignatureVersion(SignVersion.V4);
        OSS client = OSSClientBuilder.create().endpoint(fixture.server.endpoint())
                .credentialsProvider(new DefaultCredentialProvider(SecretWatch.KEY_ID, SecretWatch.SECRET))
                .clientConfiguration(conf).region("cn-beijing").build();
        try {
            return client.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, key)).getUploadId();
        } finally {
            client.shutdown();
        }
    }

    /** {@code resume} in-process: its stdout and stderr together. */
    private String resume(TrainerFixture fixture) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8), Map.of(), new Properties(), dir, false);
        int code = OssAgentCli.run(context, "resume", "--config", fixture.settingsFile.toString());
        String text = out.toString(StandardCharsets.UTF_8);
        SecretWatch.check(text);
        assertEquals(0, code, text);
        return text;
    }
}
