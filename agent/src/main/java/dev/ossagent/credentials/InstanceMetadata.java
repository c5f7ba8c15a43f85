package dev.ossagent.credentials;

import java.io.IOException;
import java.util.Map;

/**
 * Plain reads from the ECS instance metadata service, for the agent's other users of it (the spot reclaim
 * notice): the endpoint, the IMDSv2 session token and the timeouts of the RAM role tier ({@link EcsMetadata}),
 * so both reach the same service the same way. The token is asked once and again only when refused.
 */
public final class InstanceMetadata {
    /** An answer: its HTTP status and, cut at {@code maxBody + 1} characters, its body. */
    public static final class Answer {
        public final int status;
        public final String body;

        Answer(int status, String body) {
            this.status = status;
            this.body = body;
        }
    }

    private static final String TOKEN_TTL_SECONDS = "21600";

    private final String endpoint;
    private final boolean imdsV1Disabled;
    private volatile Map<String, String> session;

    private InstanceMetadata(String endpoint, boolean imdsV1Disabled) {
        this.endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        this.imdsV1Disabled = imdsV1Disabled;
    }

    /**
     * @param setting {@code ossagent.credentials.ecs-metadata-endpoint}, or null for 100.100.100.200
     * @return null when {@code ALIBABA_CLOUD_ECS_METADATA_DISABLED=true} says this is not an ECS instance
     */
    public static InstanceMetadata of(String setting, Map<String, String> environment) {
        if ("true".equalsIgnoreCase(trimmed(environment.get("ALIBABA_CLOUD_ECS_METADATA_DISABLED")))) {
            return null;
        }
        String endpoint = setting == null || setting.isBlank() ? EcsMetadata.DEFAULT_ENDPOINT : setting.trim();
        return new InstanceMetadata(endpoint, "true".equalsIgnoreCase(trimmed(
                environment.get("ALIBABA_CLOUD_IMDSV1_DISABLED"))));
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }

    public String endpoint() {
        return endpoint;
    }

    /**
     * GETs {@code /latest/meta-data/} + {@code path} over IMDSv2 (IMDSv1 when the service gives no token and that
     * is allowed). A 401 drops the session token, so the next call asks for a new one.
     *
     * @throws IOException when the service cannot be reached or gives no token while IMDSv1 is disabled
     */
    public Answer get(String path, int maxBody) throws IOException {
        Map<String, String> headers = session();
        HttpCall.Answer answer = HttpCall.send("GET", endpoint + "/latest/meta-data/" + path, headers, null,
                EcsMetadata.CONNECT_MILLIS, EcsMetadata.READ_MILLIS);
        if (answer.status() == 401) {
            session = null;
        }
        String body = answer.body();
        return new Answer(answer.status(), body.length() > maxBody ? body.substring(0, maxBody + 1) : body);
    }

    private Map<String, String> session() throws IOException {
        Map<String, String> headers = session;
        if (headers != null) {
            return headers;
        }
        HttpCall.Answer token = HttpCall.send("PUT", endpoint + "/latest/api/token",
                Map.of("X-aliyun-ecs-metadata-token-ttl-seconds", TOKEN_TTL_SECONDS), null, EcsMetadata.CONNECT_MILLIS,
                EcsMetadata.READ_MILLIS);
        if (token.ok() && !token.body().isBlank()) {
            headers = Map.of("X-aliyun-ecs-metadata-token", token.body().trim());
        } else if (imdsV1Disabled) {
            throw new IOException("the metadata service gave no IMDSv2 session token (HTTP " + token.status()
                    + ") and ALIBABA_CLOUD_IMDSV1_DISABLED=true forbids IMDSv1");
        } else {
            headers = Map.of();
        }
        session = headers;
        return headers;
    }
}
