package dev.ossagent.localoss.sts;

import static dev.ossagent.localoss.sts.Fixtures.STATIC_ID;
import static dev.ossagent.localoss.sts.Fixtures.STATIC_SECRET;
import static dev.ossagent.localoss.sts.Fixtures.assertWorksOnlyWithToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.credentials.exception.CredentialException;
import com.aliyun.credentials.models.CredentialModel;
import com.aliyun.credentials.provider.OIDCRoleArnCredentialProvider;
import com.aliyun.credentials.provider.RamRoleArnCredentialProvider;
import com.aliyun.credentials.provider.StaticCredentialsProvider;
import dev.ossagent.localoss.LocalOss;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fake STS against Alibaba's own credentials library (1.0.x), which calls STS over https only. */
class FakeStsTest {
    static final String ROLE = "acs:ram::1000000000000001:role/trainer-upload";
    static final String POD_ROLE = "acs:ram::1000000000000001:role/pod-upload";
    static final String PROVIDER = "acs:ram::1000000000000001:oidc-provider/ack-rrsa-made-up";
    static final String CALLER_ID = "LTAI-CALLERKEY0001";
    static final String CALLER_SECRET = "made-up-caller-secret";
    static final String[] TRUST_PROPERTIES = {"javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword",
            "javax.net.ssl.trustStoreType"};
    static final Map<String, String> SAVED = new HashMap<>();

    @TempDir
    static Path tlsDir;
    static LoopbackTls tls;

    @TempDir
    Path root;

    /** The library trusts the JVM's default trust store only; in this JVM that becomes the fakes' certificate. */
    @BeforeAll
    static void trustTheFakes() {
        tls = LoopbackTls.create(tlsDir);
        for (String option : tls.trustStoreOptions()) {
            String[] kv = option.substring(2).split("=", 2);
            SAVED.put(kv[0], System.getProperty(kv[0]));
            System.setProperty(kv[0], kv[1]);
        }
    }

    @AfterAll
    static void restore() {
        SAVED.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    private static RamRoleArnCredentialProvider assumeRole(FakeSts sts, String secret, String role) {
        CredentialModel caller = CredentialModel.builder().accessKeyId(CALLER_ID).accessKeySecret(secret).build();
        return RamRoleArnCredentialProvider.builder()
                .credentialsProvider(StaticCredentialsProvider.builder().credential(caller).build())
                .roleArn(role).roleSessionName("oss-agent").durationSeconds(900)
                .STSEndpoint(sts.hostAndPort()).build();
    }

    private static OIDCRoleArnCredentialProvider oidc(FakeSts sts, Path tokenFile, String role) {
        return OIDCRoleArnCredentialProvider.builder().roleArn(role).oidcProviderArn(PROVIDER)
                .oidcTokenFilePath(tokenFile.toString()).roleSessionName("oss-agent").durationSeconds(3600)
                .STSEndpoint(sts.hostAndPort()).build();
    }

    @Test
    void assumeRoleIssuesCredentialsThatLocalOssAcceptsWithTheirToken() {
        try (LocalOss oss = Fixtures.localOss(root);
             FakeSts sts = FakeSts.builder(oss).tls(tls).lifetimeSeconds(600).caller(CALLER_ID, CALLER_SECRET)
                     .role(ROLE).start()) {
            CredentialModel c = assumeRole(sts, CALLER_SECRET, ROLE).getCredentials();
            assertTrue(c.getAccessKeyId().startsWith("STS."), c.getAccessKeyId());
            assertNotEquals(STATIC_ID, c.getAccessKeyId());
            // Expiration is whole seconds, as STS writes it; the library parsed it.
            long left = c.getExpiration() - System.currentTimeMillis();
            assertTrue(left > 590_000 && left <= 601_000, "expires in " + left + " ms");
            assertWorksOnlyWithToken(oss, c);
            assertEquals(1, sts.assumeRoleCount());
            assertEquals(1, sts.issuer().issuedCount());
            TemporaryCredentials issued = sts.issuer().issued().get(0);
            assertEquals(c.getAccessKeyId(), issued.accessKeyId);
            assertEquals(c.getSecurityToken(), issued.securityToken);
            assertFalse(issued.toString().contains(issued.accessKeySecret) || issued.toString().contains(issued.securityToken)
                    || issued.toString().contains(issued.accessKeyId), issued.toString());
        }
    }

    @Test
    void refusalsCarryStsCodes() {
        try (LocalOss oss = Fixtures.localOss(root);
             FakeSts sts = FakeSts.builder(oss).tls(tls).caller(CALLER_ID, CALLER_SECRET).role(ROLE).start()) {
            CredentialException badSignature = assertThrows(CredentialException.class,
                    () -> assumeRole(sts, "wrong-secret", ROLE).getCredentials());
            assertTrue(badSignature.getMessage().contains("SignatureDoesNotMatch"), badSignature.getMessage());
            assertFalse(badSignature.getMessage().contains(CALLER_SECRET));
            CredentialException otherRole = assertThrows(CredentialException.class,
                    () -> assumeRole(sts, CALLER_SECRET, ROLE + "-other").getCredentials());
            assertTrue(otherRole.getMessage().contains("EntityNotExist.Role"), otherRole.getMessage());
            sts.refuse(403, "NoPermission");
            CredentialException refused = assertThrows(CredentialException.class,
                    () -> assumeRole(sts, CALLER_SECRET, ROLE).getCredentials());
            assertTrue(refused.getMessage().contains("NoPermission"), refused.getMessage());
            sts.stopRefusing();
            assumeRole(sts, CALLER_SECRET, ROLE).getCredentials();
            assertEquals(1, sts.assumeRoleCount());
            assertEquals(4, sts.requestCount());
        }
    }

    @Test
    void aStaticKeyIsNoStsCaller() throws Exception {
        // Unsigned AssumeRole, as a hand-made client might send it: Alibaba's error JSON, no credentials.
        try (LocalOss oss = Fixtures.localOss(root);
             FakeSts sts = FakeSts.builder(oss).caller(CALLER_ID, CALLER_SECRET).role(ROLE).start()) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    sts.endpoint() + "/?Action=AssumeRole&RoleArn=" + ROLE + "&RoleSessionName=s&AccessKeyId="
                            + STATIC_ID)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, r.statusCode());
            assertTrue(r.body().contains("\"Code\":\"MissingSignature\""), r.body());
            assertTrue(r.body().contains("\"RequestId\""), r.body());
            assertEquals(0, sts.issuer().issuedCount());
        }
    }

    @Test
    void assumeRoleWithOidcReadsTheTokenAndFollowsItsRotation() throws Exception {
        Path token = root.resolve("token");
        Files.writeString(token, "made-up-oidc-token-1");
        try (LocalOss oss = Fixtures.localOss(root.resolve("oss"));
             FakeSts sts = FakeSts.builder(oss).tls(tls).lifetimeSeconds(900)
                     .oidc(POD_ROLE, PROVIDER, "made-up-oidc-token-1").start()) {
            CredentialModel first = oidc(sts, token, POD_ROLE).getCredentials();
            assertWorksOnlyWithToken(oss, first);

            sts.oidcToken("made-up-oidc-token-2");   // the kubelet rotated the token; the old one is refused
            CredentialException stale = assertThrows(CredentialException.class,
                    () -> oidc(sts, token, POD_ROLE).getCredentials());
            assertTrue(stale.getMessage().contains("AuthenticationFail.OIDCToken.Invalid"), stale.getMessage());
            Files.writeString(token, "made-up-oidc-token-2");
            CredentialModel second = oidc(sts, token, POD_ROLE).getCredentials();
            assertNotEquals(first.getAccessKeyId(), second.getAccessKeyId());
            assertWorksOnlyWithToken(oss, second);

            CredentialException wrongRole = assertThrows(CredentialException.class,
                    () -> oidc(sts, token, ROLE).getCredentials());
            assertTrue(wrongRole.getMessage().contains("EntityNotExist.Role"), wrongRole.getMessage());
            assertEquals(2, sts.oidcCount());
            assertEquals(4, sts.requestCount());
        }
    }
}
