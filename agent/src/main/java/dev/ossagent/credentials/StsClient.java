package dev.ossagent.credentials;

import dev.ossagent.log.ShownUrl;
import org.codehaus.jettison.json.JSONObject;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Alibaba Cloud STS over its RPC protocol (POST, form body, JSON answer): {@code AssumeRoleWithOIDC}, which
 * needs no key, and {@code AssumeRole}, signed with HMAC-SHA1 as the RPC protocol asks. Failure lines name
 * the endpoint, the action and STS's error code, never its message (it may quote a parameter).
 */
final class StsClient {
    static final int CONNECT_MILLIS = 5_000;
    static final int READ_MILLIS = 10_000;
    static final int DURATION_SECONDS = 3600;

    private final String endpoint;

    StsClient(String endpoint) {
        this.endpoint = endpoint;
    }

    /** For messages: without user-info or query ({@link ShownUrl}). */
    String endpoint() {
        return ShownUrl.of(endpoint);
    }

    Credentials assumeRoleWithOidc(String roleArn, String providerArn, String oidcToken, String sessionName)
            throws CredentialsException {
        Map<String, String> parameters = common("AssumeRoleWithOIDC", roleArn, sessionName);
        parameters.put("OIDCProviderArn", providerArn);
        parameters.put("OIDCToken", oidcToken);
        return call("AssumeRoleWithOIDC", parameters);
    }

    Credentials assumeRole(Credentials source, String roleArn, String sessionName, String externalId)
            throws CredentialsException {
        Map<String, String> parameters = common("AssumeRole", roleArn, sessionName);
        if (externalId != null && !externalId.isEmpty()) {
            parameters.put("ExternalId", externalId);
        }
        parameters.put("AccessKeyId", source.accessKeyId());
        if (source.securityToken() != null) {
            parameters.put("SecurityToken", source.securityToken());
        }
        parameters.put("SignatureMethod", "HMAC-SHA1");
        parameters.put("SignatureVersion", "1.0");
        parameters.put("SignatureNonce", UUID.randomUUID().toString());
        parameters.put("Signature", signature(parameters, source.accessKeySecret()));
        return call("AssumeRole", parameters);
    }

    private static Map<String, String> common(String action, String roleArn, String sessionName) {
        Map<String, String> parameters = new TreeMap<>();
        parameters.put("Action", action);
        parameters.put("Format", "JSON");
        parameters.put("Version", "2015-04-01");
        parameters.put("Timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        parameters.put("RoleArn", roleArn);
        parameters.put("RoleSessionName", sessionName);
        parameters.put("DurationSeconds", Integer.toString(DURATION_SECONDS));
        return parameters;
    }

    /** RPC signature V1: HMAC-SHA1 over "POST&%2F&" and the sorted, percent-encoded parameters. */
    static String signature(Map<String, String> sortedParameters, String secret) {
        String stringToSign = "POST&" + percent("/") + "&" + percent(canonical(sortedParameters));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this JDK", e);
        }
    }

    private static String canonical(Map<String, String> parameters) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> entry : new TreeMap<>(parameters).entrySet()) {
            text.append(text.length() == 0 ? "" : "&").append(percent(entry.getKey())).append('=')
                    .append(percent(entry.getValue()));
        }
        return text.toString();
    }

    /** RFC 3986 percent-encoding, as the RPC protocol specifies. */
    static String percent(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    private Credentials call(String action, Map<String, String> parameters) throws CredentialsException {
        String where = "STS " + endpoint() + " " + action;
        HttpCall.Answer answer;
        try {
            answer = HttpCall.send("POST", endpoint + "/", Map.of("Accept", "application/json"),
                    canonical(parameters), CONNECT_MILLIS, READ_MILLIS);
        } catch (IOException | IllegalArgumentException e) {
            throw new CredentialsException(where + ": STS unreachable (" + HttpCall.why(e) + ")");
        }
        if (!answer.ok()) {
            String code = code(answer.body());
            throw new CredentialsException(where + ": STS refused (" + (code == null ? "HTTP " + answer.status()
                    : code + ", HTTP " + answer.status()) + ")");
        }
        JSONObject json = JsonCredentials.parse(answer.body(), where);
        JSONObject credentials = json.optJSONObject("Credentials");
        if (credentials == null) {
            throw new CredentialsException(where + ": no Credentials in STS's answer");
        }
        return JsonCredentials.read(credentials, where);
    }

    private static String code(String body) {
        try {
            String code = JsonCredentials.shownCode(new JSONObject(body).optString("Code", ""));
            return code.startsWith("(") ? null : code;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * The endpoint: {@code ossagent.credentials.sts-endpoint}, else {@code ALIBABA_CLOUD_STS_ENDPOINT} (ACK's
     * pod identity webhook sets it), else STS of {@code ALIBABA_CLOUD_STS_REGION} or the given region, over
     * the VPC when {@code ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED=true}. No scheme means https.
     */
    static String endpoint(String setting, Map<String, String> environment, String region) {
        String explicit = firstSet(setting, environment.get("ALIBABA_CLOUD_STS_ENDPOINT"));
        if (explicit != null) {
            String url = explicit.contains("://") ? explicit : "https://" + explicit;
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
        String stsRegion = firstSet(environment.get("ALIBABA_CLOUD_STS_REGION"), region);
        if (stsRegion == null) {
            return "https://sts.aliyuncs.com";
        }
        boolean vpc = "true".equalsIgnoreCase(trim(environment.get("ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED")));
        return "https://sts" + (vpc ? "-vpc." : ".") + stsRegion + ".aliyuncs.com";
    }

    private static String firstSet(String a, String b) {
        return trim(a) != null ? trim(a) : trim(b);
    }

    private static String trim(String value) {
        return value == null || value.trim().isEmpty() ? null : value.trim();
    }
}
