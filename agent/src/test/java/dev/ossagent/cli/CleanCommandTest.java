package dev.ossagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import dev.ossagent.localoss.IncompleteUpload;
import dev.ossagent.localoss.LocalOss;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code clean}: incomplete multipart uploads under the configured prefixes, one line each and a total. */
class CleanCommandTest extends CliTest {
    private String continued;

    @BeforeEach
    void uploads() throws Exception {
        fixture.settings.put("ossagent.model.prefix", "models/${run}/");
        Path state = Files.createDirectories(dir.resolve("state/multipart"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        fixture.settings.put("ossagent.state.dir", state.getParent().toString());
        OSS client = fixture.client();
        try {
            initiate(client, CliFixture.MODEL_BUCKET, "models/run-1/model.bin");
            initiate(client, CliFixture.MODEL_BUCKET, "models/run-2/model.bin");
            continued = initiate(client, CliFixture.MODEL_BUCKET, "models/run-3/model.bin");
            initiate(client, CliFixture.DATA_BUCKET, "training-data/episodes.json");
            initiate(client, CliFixture.MODEL_BUCKET, "elsewhere/not-ours.bin");
        } finally {
            client.shutdown();
        }
        Files.writeString(state.resolve("run3.upload"), "uploadId=" + continued + "\npartSize=102400\n");
    }

    @Test
    void dryRunListsAndAbortsNothing() throws Exception {
        CliFixture.Run run = fixture.cli("clean", "--older-than", "0s", "--dry-run");
        assertEquals(0, run.code, run.toString());
        assertEquals(3, count(run.out, "would abort  "), run.out);
        assertTrue(run.out.contains("kept (a checkpoint here continues it: resume finishes it)  "), run.out);
        assertTrue(run.out.contains("3 incomplete multipart upload(s) under " + CliFixture.MODEL_BUCKET
                + "/models/: 2 would be aborted, 1 kept"), run.out);
        assertTrue(run.out.contains("1 incomplete multipart upload(s) under " + CliFixture.DATA_BUCKET
                + "/training-data/: 1 would be aborted, 0 kept"), run.out);
        assertEquals(5, fixture.server.incompleteUploads().size());
    }

    @Test
    void abortsThoseOlderThanTheAgeUnderTheConfiguredPrefixesOnly() throws Exception {
        CliFixture.Run young = fixture.cli("clean");
        assertEquals(0, young.code, young.toString());
        assertEquals(3, count(young.out, "kept (younger than 24h)"), young.out);
        assertEquals(5, fixture.server.incompleteUploads().size());

        CliFixture.Run run = fixture.cli("clean", "--older-than", "0s");
        assertEquals(0, run.code, run.toString());
        assertEquals(3, count(run.out, "aborted  "), run.out);
        assertTrue(run.out.contains("aborted  ") && run.out.contains(CliFixture.MODEL_BUCKET + "/models/run-1/model.bin"),
                run.out);
        List<String> left = new ArrayList<>();
        for (IncompleteUpload upload : fixture.server.incompleteUploads()) {
            left.add(upload.key);
        }
        assertEquals(List.of("elsewhere/not-ours.bin", "models/run-3/model.bin"), left);
    }

    /** A key that may only put (a trainer's least-privilege key) cannot list the uploads: one line says so. */
    @Test
    void aKeyThatMayNotListIsToldSo() throws Exception {
        try (LocalOss putOnly = LocalOss.builder().port(0).root(dir.resolve("oss-root"))
                .bucket(CliFixture.MODEL_BUCKET).bucket(CliFixture.DATA_BUCKET)
                .limitedCredentials("LTAI-PUTONLYKEY01", "made-up-put-only-secret", "put-only").build().start()) {
            fixture.settings.put("ossagent.endpoint", putOnly.endpoint());
            fixture.writeCsv("LTAI-PUTONLYKEY01", "made-up-put-only-secret");
            CliFixture.Run run = fixture.cli("clean", "--older-than", "0s");
            assertEquals(ExitCodes.ACCESS_DENIED, run.code, run.toString());
            assertTrue(run.err.contains("this key may not list multipart uploads, so clean cannot see them"), run.err);
            assertEquals(5, fixture.server.incompleteUploads().size(), "nothing aborted");
        }
    }

    @Test
    void aBadAgeIsAUsageError() throws Exception {
        CliFixture.Run run = fixture.cli("clean", "--older-than", "soon");
        assertEquals(ExitCodes.USAGE, run.code, run.toString());
        assertTrue(run.err.contains("--older-than=soon is not a duration"), run.err);
    }

    private static String initiate(OSS client, String bucket, String key) {
        return client.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, key)).getUploadId();
    }

    private static long count(String text, String what) {
        return text.lines().filter(line -> line.contains(what)).count();
    }
}
