package dev.ossagent.credentials;

import dev.ossagent.log.ShownUrl;
import java.io.IOException;
import java.util.Map;

/**
 * The ECS instance RAM role over the metadata service: IMDSv2 (a session token first), then the role name
 * unless given, then its credentials. A one-second connect timeout, so a machine that is not ECS loses about
 * a second once; no second try over IMDSv1 when the service did not answer at all. A service that accepted
 * the connection gets a few seconds to answer: a busy machine may take more than one.
 */
final class EcsMetadata implements CredentialFetcher {
    static final String DEFAULT_ENDPOINT = "http://100.100.100.200";
    static final int CONNECT_MILLIS = 1_000;
    static final int READ_MILLIS = 5_000;
    private static final String ROLES = "/latest/meta-data/ram/security-credentials/";

    private final String endpoint;
    private final String roleName;
    private final boolean imdsV1Disabled;
    private volatile String discoveredRole;

    EcsMetadata(String endpoint, String roleName, boolean imdsV1Disabled) {
        this.endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        this.roleName = roleName == null || roleName.isBlank() ? null : roleName.trim();
        this.imdsV1Disabled = imdsV1Disabled;
    }

    /** The role's name once known, for the log. */
    String role() {
        return roleName != null ? roleName : discoveredRole;
    }

    /** For messages: without user-info or query ({@link ShownUrl}). */
    String endpoint() {
        return ShownUrl.of(endpoint);
    }

    @Override
    public Credentials fetch() throws CredentialsException {
        Map<String, String> headers = sessionHeaders();
        String role = roleName;
        if (role == null) {
            HttpCall.Answer roles = get(ROLES, headers);
            String first = roles.ok() ? roles.body().trim().split("\\R", 2)[0].trim() : "";
            if (roles.status() == 404 || (roles.ok() && first.isEmpty())) {
                throw new CredentialsException("no RAM role is attached to this ECS instance (attach one in the ECS"
                        + " console, or name it in ALIBABA_CLOUD_ECS_METADATA)");
            }
            if (!roles.ok()) {
                throw new CredentialsException("the metadata service answered HTTP " + roles.status()
                        + " when asked for the role name");
            }
            role = first;
            discoveredRole = role;
        }
        HttpCall.Answer answer = get(ROLES + role, headers);
        if (answer.status() == 404) {
            throw new CredentialsException("RAM role " + role + " is not attached to this ECS instance");
        }
        if (!answer.ok()) {
            throw new CredentialsException("the metadata service answered HTTP " + answer.status()
                    + " for the credentials of role " + role);
        }
        String where = "role " + role;
        var json = JsonCredentials.parse(answer.body(), where);
        String code = json.optString("Code", "Success");
        if (!code.equals("Success")) {
            throw new CredentialsException(where + ": the metadata service answered Code "
                    + JsonCredentials.shownCode(code));
        }
        return JsonCredentials.read(json, where);
    }

    /** The IMDSv2 session token header, or none when the service refuses tokens and IMDSv1 is allowed. */
    private Map<String, String> sessionHeaders() throws CredentialsException {
        HttpCall.Answer token;
        try {
            token = HttpCall.send("PUT", endpoint + "/latest/api/token",
                    Map.of("X-aliyun-ecs-metadata-token-ttl-seconds", "21600"), null, CONNECT_MILLIS, READ_MILLIS);
        } catch (IOException | IllegalArgumentException e) {
            throw CredentialsException.absent("no metadata service at " + endpoint() + " (" + HttpCall.why(e)
                    + "; not an ECS instance?)");
        }
        if (token.ok() && !token.body().isBlank()) {
            return Map.of("X-aliyun-ecs-metadata-token", token.body().trim());
        }
        if (imdsV1Disabled) {
            throw new CredentialsException("the metadata service gave no IMDSv2 session token (HTTP " + token.status()
                    + ") and ALIBABA_CLOUD_IMDSV1_DISABLED=true forbids IMDSv1");
        }
        return Map.of();
    }

    private HttpCall.Answer get(String path, Map<String, String> headers) throws CredentialsException {
        try {
            return HttpCall.send("GET", endpoint + path, headers, null, CONNECT_MILLIS, READ_MILLIS);
        } catch (IOException | IllegalArgumentException e) {
            throw new CredentialsException("the metadata service at " + endpoint() + " stopped answering ("
                    + HttpCall.why(e) + ")");
        }
    }
}
