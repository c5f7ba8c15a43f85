package dev.ossagent.localoss.sts;

import static dev.ossagent.localoss.sts.Fixtures.assertWorksOnlyWithToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.credentials.exception.CredentialException;
import com.aliyun.credentials.models.CredentialModel;
import com.aliyun.credentials.provider.EcsRamRoleCredentialProvider;
import dev.ossagent.localoss.LocalOss;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fake ECS metadata service against Alibaba's credentials library, which hard-codes 100.100.100.200: the
 * library's HttpURLConnection reaches the fake as its HTTP proxy (-Dhttp.proxyHost), and the fake serves the
 * absolute URIs a proxy gets.
 */
class FakeEcsMetadataTest {
    static final String ROLE = "TrainerUploadRole";

    @TempDir
    Path root;

    @AfterEach
    void noProxy() {
        System.clearProperty("http.proxyHost");
        System.clearProperty("http.proxyPort");
    }

    private static EcsRamRoleCredentialProvider library(FakeEcsMetadata ecs, String roleName) {
        System.setProperty("http.proxyHost", "127.0.0.1");
        System.setProperty("http.proxyPort", Integer.toString(ecs.port()));
        return EcsRamRoleCredentialProvider.builder().roleName(roleName).disableIMDSv1(true).build();
    }

    private static HttpResponse<String> get(FakeEcsMetadata ecs, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ecs.endpoint() + path));
        if (token != null) {
            b.header(FakeEcsMetadata.TOKEN_HEADER, token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(FakeEcsMetadata ecs, String ttl) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ecs.endpoint() + FakeEcsMetadata.TOKEN_PATH))
                .PUT(HttpRequest.BodyPublishers.noBody());
        if (ttl != null) {
            b.header(FakeEcsMetadata.TTL_HEADER, ttl);
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    @Test
    void imdsV2RoleCredentialsWorkOnLocalOssWithTheirToken() {
        try (LocalOss oss = Fixtures.localOss(root);
             FakeEcsMetadata ecs = FakeEcsMetadata.builder(oss).role(ROLE).lifetimeSeconds(3600).imdsV1Disabled()
                     .start()) {
            CredentialModel named = library(ecs, ROLE).getCredentials();
            assertWorksOnlyWithToken(oss, named);
            CredentialModel discovered = library(ecs, null).getCredentials(); // asks for the role name first
            assertNotEquals(named.getAccessKeyId(), discovered.getAccessKeyId());
            assertWorksOnlyWithToken(oss, discovered);
            assertEquals(2, ecs.credentialsCount());
            assertTrue(ecs.tokenCount() >= 3, "a session token before each metadata read: " + ecs.tokenCount());
        }
    }

    @Test
    void noRoleAndAFailingTokenEndpointAreFailures() {
        try (LocalOss oss = Fixtures.localOss(root);
             FakeEcsMetadata ecs = FakeEcsMetadata.builder(oss).imdsV1Disabled().start()) {
            CredentialException noRole = assertThrows(CredentialException.class, () -> library(ecs, null).getCredentials());
            assertTrue(noRole.getMessage().contains("role name was not found"), noRole.getMessage());
            ecs.role(ROLE);
            ecs.failTokenEndpoint(true);
            CredentialException noToken = assertThrows(CredentialException.class,
                    () -> library(ecs, ROLE).getCredentials());
            assertTrue(noToken.getMessage().contains("Failed to get token"), noToken.getMessage());
            ecs.failTokenEndpoint(false);
            library(ecs, ROLE).getCredentials();
            assertEquals(1, ecs.credentialsCount());
            assertEquals(1, ecs.issuer().issuedCount());
        }
    }

    @Test
    void theWireRules() throws Exception {
        try (FakeEcsMetadata ecs = FakeEcsMetadata.builder(null).role(ROLE).imdsV1Disabled().start()) {
            String path = "/latest/meta-data/ram/security-credentials/";
            assertEquals(401, get(ecs, path, null).statusCode(), "IMDSv1 is off: a token is needed");
            assertEquals(401, get(ecs, path, "made-up-token").statusCode());
            assertTrue(token(ecs, null).startsWith("400 "), "the TTL header is required");
            assertTrue(token(ecs, "21601").startsWith("400 "));
            String token = token(ecs, "60").substring(4);
            assertEquals(ROLE, get(ecs, path, token).body());
            HttpResponse<String> creds = get(ecs, path + ROLE, token);
            assertEquals(200, creds.statusCode());
            for (String field : new String[] {"\"Code\":\"Success\"", "\"AccessKeyId\":\"STS.", "\"AccessKeySecret\":",
                    "\"SecurityToken\":", "\"Expiration\":\"", "\"LastUpdated\":\""}) {
                assertTrue(creds.body().contains(field), field + " in " + creds.body());
            }
            assertEquals(404, get(ecs, path + "OtherRole", token).statusCode());
            assertEquals(404, get(ecs, "/latest/meta-data/instance-id", token).statusCode());
        }
        try (FakeEcsMetadata ecs = FakeEcsMetadata.builder(null).role(ROLE).start()) {
            assertEquals(ROLE, get(ecs, "/latest/meta-data/ram/security-credentials/", null).body(),
                    "IMDSv1 on: no token needed");
        }
    }

    @Test
    void theSpotNoticeIs404UntilScheduledThenTheTextAsGiven() throws Exception {
        String spot = "/latest/meta-data/instance/spot/termination-time";
        try (FakeEcsMetadata ecs = FakeEcsMetadata.builder(null).imdsV1Disabled().start()) {
            String token = token(ecs, "60").substring(4);
            assertEquals(401, get(ecs, spot, null).statusCode(), "the same token rules as the RAM role");
            assertEquals(404, get(ecs, spot, token).statusCode(), "no notice yet");
            HttpResponse<String> scheduled = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(ecs.endpoint() + "/admin/spot/termination-time"))
                    .PUT(HttpRequest.BodyPublishers.ofString("2026-12-06T18:02:00Z")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, scheduled.statusCode());
            HttpResponse<String> notice = get(ecs, spot, token);
            assertEquals(200, notice.statusCode());
            assertEquals("2026-12-06T18:02:00Z", notice.body());
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ecs.endpoint()
                    + "/admin/spot/termination-time")).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, get(ecs, spot, token).statusCode(), "taken back");
            assertEquals(3, ecs.spotCount(), "the three with a live token");
        }
        try (FakeEcsMetadata ecs = FakeEcsMetadata.builder(null).spotTermination("soon").imdsV1Only().start()) {
            assertTrue(token(ecs, "60").startsWith("404 "), "IMDSv1 only: no session tokens");
            assertEquals("soon", get(ecs, spot, null).body(), "scheduled from the start, any text");
        }
    }
}
