package dev.ossagent.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Run by {@link StsFixtureIT} in a JVM started as {@link StsFixture} starts a trainer: calls the fake STS over
 * https with the RRSA environment (AssumeRoleWithOIDC) and the fake ECS metadata service at 100.100.100.200
 * through the proxy options, with plain JDK clients. Prints ids and the role name only, never a secret.
 */
public final class StsProbeMain {
    private StsProbeMain() {
    }

    public static void main(String[] args) throws IOException {
        String form = "RoleArn=" + enc(System.getenv("ALIBABA_CLOUD_ROLE_ARN"))
                + "&OIDCProviderArn=" + enc(System.getenv("ALIBABA_CLOUD_OIDC_PROVIDER_ARN"))
                + "&OIDCToken=" + enc(Files.readString(Path.of(System.getenv("ALIBABA_CLOUD_OIDC_TOKEN_FILE"))))
                + "&RoleSessionName=" + enc(System.getenv("ALIBABA_CLOUD_ROLE_SESSION_NAME"));
        HttpURLConnection sts = open("https://" + System.getenv("ALIBABA_CLOUD_STS_ENDPOINT")
                + "/?Action=AssumeRoleWithOIDC&Format=JSON&Version=2015-04-01", "POST");
        sts.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
        sts.setDoOutput(true);
        try (OutputStream out = sts.getOutputStream()) {
            out.write(form.getBytes(StandardCharsets.UTF_8));
        }
        Matcher id = Pattern.compile("\"AccessKeyId\":\"([^\"]+)\"").matcher(body(sts));
        System.out.println("sts " + sts.getResponseCode() + " id=" + (id.find() ? id.group(1) : "none"));

        HttpURLConnection token = open("http://100.100.100.200/latest/api/token", "PUT");
        token.setRequestProperty("X-aliyun-ecs-metadata-token-ttl-seconds", "60");
        String session = body(token);
        HttpURLConnection role = open("http://100.100.100.200/latest/meta-data/ram/security-credentials/", "GET");
        role.setRequestProperty("X-aliyun-ecs-metadata-token", session);
        System.out.println("ecs " + role.getResponseCode() + " role=" + body(role));
    }

    private static HttpURLConnection open(String url, String method) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout(10_000);
        c.setReadTimeout(10_000);
        return c;
    }

    private static String body(HttpURLConnection c) throws IOException {
        InputStream in = c.getResponseCode() < 400 ? c.getInputStream() : c.getErrorStream();
        return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
