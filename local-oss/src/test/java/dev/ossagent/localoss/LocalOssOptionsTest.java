package dev.ossagent.localoss;

import static dev.ossagent.localoss.ProtocolTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key pairs from a file or the environment instead of the command line, which shows in ps. */
class LocalOssOptionsTest {
    static final String BUCKET = "cloud-training";

    @TempDir
    Path dir;

    private int status(LocalOss server, String id, String secret) throws Exception {
        return new RawHttp(server.port()).request("GET", "/" + BUCKET + "/")
                .signV1(id, secret, "/" + BUCKET + "/").send().status;
    }

    @Test
    void keysFromAFileAndTheEnvironmentAreAccepted() throws Exception {
        Path keys = dir.resolve("keys");
        Files.writeString(keys, "# made-up test keys\nLTAI-FILEKEY0001:file-secret-1\n\nLTAI-FILEKEY0002:file-secret-2\n");
        String[] args = {"--root", dir.resolve("root").toString(), "--bucket", BUCKET, "--keys-file", keys.toString()};
        LocalOssOptions o = LocalOssOptions.parse(args,
                Map.of(LocalOssOptions.KEYS_ENV, "LTAI-ENVKEY0001:env-secret-1, LTAI-ENVKEY0002:env-secret-2"));
        try (LocalOss server = o.builder.build().start()) {
            assertEquals(200, status(server, "LTAI-FILEKEY0001", "file-secret-1"));
            assertEquals(200, status(server, "LTAI-FILEKEY0002", "file-secret-2"));
            assertEquals(200, status(server, "LTAI-ENVKEY0001", "env-secret-1"));
            assertEquals(200, status(server, "LTAI-ENVKEY0002", "env-secret-2"));
            assertError(new RawHttp(server.port()).request("GET", "/" + BUCKET + "/")
                    .signV1("LTAI-FILEKEY0001", "env-secret-1", "/" + BUCKET + "/").send(), 403, "SignatureDoesNotMatch");
        }
    }

    @Test
    void theEnvironmentAloneIsEnough() {
        String[] args = {"--root", dir.toString(), "--bucket", BUCKET};
        LocalOssOptions o = LocalOssOptions.parse(args, Map.of(LocalOssOptions.KEYS_ENV, "LTAI-ENVKEY0001:env-secret-1"));
        assertFalse(o.help);
        o.builder.build();
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> LocalOssOptions.parse(args, Map.of()));
        assertTrue(none.getMessage().contains("--keys-file"), none.getMessage());
    }

    @Test
    void aBadEntryIsNamedByLineWithoutQuotingIt() throws Exception {
        Path keys = dir.resolve("keys");
        Files.writeString(keys, "LTAI-FILEKEY0001:file-secret-1\nno-colon-secret-value\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LocalOssOptions.parse(
                new String[] {"--root", dir.toString(), "--keys-file", keys.toString()}, Map.of()));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        IllegalArgumentException env = assertThrows(IllegalArgumentException.class, () -> LocalOssOptions.parse(
                new String[] {"--root", dir.toString()}, Map.of(LocalOssOptions.KEYS_ENV, "LTAI-X:")));
        assertTrue(env.getMessage().startsWith(LocalOssOptions.KEYS_ENV), env.getMessage());
    }

    @Test
    void identityFakesAreAskedForByFlags() throws Exception {
        Path token = dir.resolve("oidc-token");
        Files.writeString(token, "made-up-oidc-token\n");
        LocalOssOptions o = LocalOssOptions.parse(new String[] {"--root", dir.toString(), "--temporary-seconds", "5",
                "--sts-port", "0", "--sts-role", "acs:ram::1:role/r", "--sts-oidc", "acs:ram::1:role/p,acs:ram::1:oidc-provider/k",
                "--sts-oidc-token-file", token.toString(), "--ecs-metadata-port", "0", "--ecs-role", "R",
                "--ecs-imdsv1-disabled", "--credentials-uri-port", "0", "--ecs-spot-termination-time",
                "2026-12-06T18:02:00Z"},
                Map.of(LocalOssOptions.KEYS_ENV, "LTAI-ENVKEY0001:env-secret-1"));
        assertEquals(5, o.temporarySeconds);
        assertEquals(0, o.stsPort);
        assertEquals("acs:ram::1:oidc-provider/k", o.stsOidc[1]);
        assertEquals("made-up-oidc-token", o.stsOidcToken);
        assertTrue(o.ecsImdsV1Disabled);
        assertEquals("R", o.ecsRole);
        assertEquals("2026-12-06T18:02:00Z", o.ecsSpotTermination);
        assertEquals(0, o.credentialsUriPort);
        assertEquals(Map.of("LTAI-ENVKEY0001", "env-secret-1"), o.keys);
        IllegalArgumentException noToken = assertThrows(IllegalArgumentException.class, () -> LocalOssOptions.parse(
                new String[] {"--root", dir.toString(), "--sts-port", "0", "--sts-oidc", "acs:ram::1:role/p,x"},
                Map.of(LocalOssOptions.KEYS_ENV, "LTAI-ENVKEY0001:env-secret-1")));
        assertTrue(noToken.getMessage().contains("--sts-oidc-token-file"), noToken.getMessage());
    }

    @Test
    void aKeyWithAPolicyMayDoOnlyItsActionsAndIsRefusedTheRestAsOssDoes() throws Exception {
        String[] args = {"--root", dir.resolve("root").toString(), "--bucket", BUCKET, "--key",
                "LTAI-PUTONLY0001:put-secret-1:put-only"};
        LocalOssOptions o = LocalOssOptions.parse(args, Map.of());
        try (LocalOss server = o.builder.build().start()) {
            assertError(new RawHttp(server.port()).request("GET", "/" + BUCKET + "/")
                    .signV1("LTAI-PUTONLY0001", "put-secret-1", "/" + BUCKET + "/").send(), 403, "AccessDenied");
            RawHttp put = new RawHttp(server.port()).request("PUT", "/" + BUCKET + "/a.bin");
            put.body = new byte[3];
            assertEquals(200, put.signV1("LTAI-PUTONLY0001", "put-secret-1", "/" + BUCKET + "/a.bin").send().status);
            assertEquals(403, new RawHttp(server.port()).request("HEAD", "/" + BUCKET + "/a.bin")
                    .signV1("LTAI-PUTONLY0001", "put-secret-1", "/" + BUCKET + "/a.bin").send().status);
        }
        assertEquals("'write' is not a key action; use put-only, read-only or actions joined by +: list, head, get,"
                + " put, multipart, listparts, delete, bucket", org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> KeyActions.parse("put+write")).getMessage());
    }
}
