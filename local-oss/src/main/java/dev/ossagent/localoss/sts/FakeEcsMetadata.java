package dev.ossagent.localoss.sts;

import com.sun.net.httpserver.HttpExchange;
import dev.ossagent.localoss.LocalOss;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake ECS instance metadata service (the RAM role part, IMDSv2) on loopback for tests: a test double.
 *
 * <ul>
 * <li>{@code PUT /latest/api/token} with {@code X-aliyun-ecs-metadata-token-ttl-seconds: 1..21600} answers a
 * session token (400 without a valid TTL; 500 while {@link #failTokenEndpoint} is on).</li>
 * <li>{@code GET /latest/meta-data/ram/security-credentials/} answers the role name (404 when no role is
 * attached), {@code GET .../security-credentials/<role>} answers
 * {@code {"AccessKeyId","AccessKeySecret","Expiration","SecurityToken","LastUpdated","Code":"Success"}} with
 * fresh credentials living {@link CredentialIssuer#lifetimeSeconds()} (404 for another role).</li>
 * <li>The GETs need {@code X-aliyun-ecs-metadata-token} (a live one from the PUT) while IMDSv1 is off
 * ({@link Builder#imdsV1Disabled}): 401 without; with IMDSv1 on a token is optional, but a bad one is still 401.</li>
 * <li>{@code GET /latest/meta-data/instance/spot/termination-time} (same token rules) answers 404 until a spot
 * reclaim notice is scheduled ({@link Builder#spotTermination}, {@link #spotTermination}, or the admin request
 * {@code PUT /admin/spot/termination-time} with the text as body; {@code DELETE} takes it back), then that text
 * verbatim, as ECS answers a UTC time such as {@code 2026-12-06T18:02:00Z}. Any text: tests send bad ones too.</li>
 * <li>{@link Builder#answerDelayMillis} delays every answer (a slow service); {@link Builder#imdsV1Only} answers
 * the token request 404, as a service that knows no IMDSv2.</li>
 * </ul>
 * Also served as an HTTP proxy target (absolute URIs), for clients that hard-code 100.100.100.200.
 *
 * <pre>
 * try (FakeEcsMetadata ecs = FakeEcsMetadata.builder(oss).role("TrainerRole").lifetimeSeconds(5)
 *         .imdsV1Disabled().start()) {
 *     ecs.endpoint();                              // "http://127.0.0.1:PORT", for http://100.100.100.200
 *     ecs.tokenCount(); ecs.credentialsCount(); ecs.requestCount(); ecs.issuer().issuedCount();
 *     ecs.role(null);                              // no role attached from now on
 *     ecs.failTokenEndpoint(true);
 * }
 * </pre>
 */
public final class FakeEcsMetadata extends Fake {
    static final String TOKEN_PATH = "/latest/api/token";
    static final String CREDENTIALS_PATH = "/latest/meta-data/ram/security-credentials/";
    static final String TTL_HEADER = "X-aliyun-ecs-metadata-token-ttl-seconds";
    static final String TOKEN_HEADER = "X-aliyun-ecs-metadata-token";
    static final String SPOT_PATH = "/latest/meta-data/instance/spot/termination-time";
    static final String ADMIN_SPOT_PATH = "/admin/spot/termination-time";

    private final boolean imdsV1Disabled;
    private volatile String role;
    private volatile boolean failTokenEndpoint;
    private volatile String spotTermination;
    private final long answerDelayMillis;
    private final boolean imdsV1Only;
    private final AtomicLong spotAsked = new AtomicLong();
    private final Map<String, Long> tokenExpiries = new ConcurrentHashMap<>();
    private final AtomicLong tokens = new AtomicLong();
    private final AtomicLong credentials = new AtomicLong();

    private FakeEcsMetadata(Builder b) {
        super(b, "fake-ecs-metadata", null);
        imdsV1Disabled = b.imdsV1Disabled;
        role = b.role;
        spotTermination = b.spotTermination;
        answerDelayMillis = b.answerDelayMillis;
        imdsV1Only = b.imdsV1Only;
    }

    public static Builder builder(LocalOss oss) {
        return new Builder(oss);
    }

    /** Session tokens handed out by PUT /latest/api/token. */
    public long tokenCount() {
        return tokens.get();
    }

    /** Credentials handed out by GET .../security-credentials/ROLE. */
    public long credentialsCount() {
        return credentials.get();
    }

    /** The attached role from now on; null for none (role list and credentials answer 404). */
    public void role(String roleName) {
        role = roleName;
    }

    /** The spot reclaim notice from now on: the text termination-time answers; null for none (404). */
    public void spotTermination(String text) {
        spotTermination = text;
    }

    /** Requests for instance/spot/termination-time, answered or refused. */
    public long spotCount() {
        return spotAsked.get();
    }

    /** While on, PUT /latest/api/token answers 500. */
    public void failTokenEndpoint(boolean fail) {
        failTokenEndpoint = fail;
    }

    @Override
    void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        if (path.equals(ADMIN_SPOT_PATH)) {
            admin(ex, method);
            return;
        }
        delay();
        if (path.equals(TOKEN_PATH) && method.equals("PUT")) {
            token(ex);
            return;
        }
        boolean spot = path.equals(SPOT_PATH);
        if (!method.equals("GET") || !(spot || path.startsWith(CREDENTIALS_PATH))) {
            FakeServer.text(ex, 404, "Not Found");
            return;
        }
        String session = ex.getRequestHeaders().getFirst(TOKEN_HEADER);
        if (session != null ? !liveToken(session) : imdsV1Disabled) {
            FakeServer.text(ex, 401, "Unauthorized");
            return;
        }
        if (spot) {
            spotAsked.incrementAndGet();
            String notice = spotTermination;
            FakeServer.text(ex, notice == null ? 404 : 200, notice == null ? "Not Found" : notice);
            return;
        }
        String attached = role;
        String asked = path.substring(CREDENTIALS_PATH.length());
        if (attached == null || (!asked.isEmpty() && !asked.equals(attached))) {
            FakeServer.text(ex, 404, "Not Found");
        } else if (asked.isEmpty()) {
            FakeServer.text(ex, 200, attached);
        } else {
            TemporaryCredentials c = issuer().issue();
            credentials.incrementAndGet();
            FakeServer.json(ex, 200, new Json().put("AccessKeyId", c.accessKeyId)
                    .put("AccessKeySecret", c.accessKeySecret).put("Expiration", c.expirationText())
                    .put("SecurityToken", c.securityToken)
                    .put("LastUpdated", TemporaryCredentials.EXPIRATION.format(Instant.now()))
                    .put("Code", "Success"));
        }
    }

    /** PUT schedules the spot notice (the body, verbatim), DELETE takes it back. */
    private void admin(HttpExchange ex, String method) throws IOException {
        if (method.equals("PUT")) {
            // Not closed here: the answer reads what is left of the body.
            spotTermination = new String(ex.getRequestBody().readNBytes(64 * 1024),
                    java.nio.charset.StandardCharsets.UTF_8);
            FakeServer.text(ex, 200, "scheduled");
        } else if (method.equals("DELETE")) {
            spotTermination = null;
            FakeServer.text(ex, 200, "cleared");
        } else {
            FakeServer.text(ex, 405, "Method Not Allowed");
        }
    }

    private void delay() {
        if (answerDelayMillis > 0) {
            try {
                Thread.sleep(answerDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void token(HttpExchange ex) throws IOException {
        if (imdsV1Only) {
            FakeServer.text(ex, 404, "Not Found");
            return;
        }
        if (failTokenEndpoint) {
            FakeServer.text(ex, 500, "Internal Server Error");
            return;
        }
        long ttl;
        try {
            ttl = Long.parseLong(String.valueOf(ex.getRequestHeaders().getFirst(TTL_HEADER)).trim());
        } catch (NumberFormatException e) {
            ttl = -1;
        }
        if (ttl < 1 || ttl > 21600) {
            FakeServer.text(ex, 400, "Bad Request");
            return;
        }
        String token = UUID.randomUUID().toString();
        tokenExpiries.put(token, System.currentTimeMillis() + ttl * 1000);
        tokens.incrementAndGet();
        FakeServer.text(ex, 200, token);
    }

    private boolean liveToken(String token) {
        Long expiry = tokenExpiries.get(token.trim());
        return expiry != null && System.currentTimeMillis() < expiry;
    }

    /** Configuration for {@link FakeEcsMetadata}. */
    public static final class Builder extends Fake.Builder<Builder> {
        private String role;
        private boolean imdsV1Disabled;
        private String spotTermination;
        private long answerDelayMillis;
        private boolean imdsV1Only;

        private Builder(LocalOss oss) {
            super(oss);
        }

        /** The attached RAM role's name; without one, no role is attached. */
        public Builder role(String roleName) {
            this.role = roleName;
            return this;
        }

        /** Enforce IMDSv2: metadata GETs without a session token get 401. */
        public Builder imdsV1Disabled() {
            this.imdsV1Disabled = true;
            return this;
        }

        /** A spot reclaim notice from the start: termination-time answers this text instead of 404. */
        public Builder spotTermination(String text) {
            this.spotTermination = text;
            return this;
        }

        /** Every answer (the admin request aside) comes this late. */
        public Builder answerDelayMillis(long millis) {
            this.answerDelayMillis = millis;
            return this;
        }

        /** No IMDSv2: the token request answers 404, GETs work without a token. */
        public Builder imdsV1Only() {
            this.imdsV1Only = true;
            return this;
        }

        public FakeEcsMetadata start() {
            FakeEcsMetadata fake = new FakeEcsMetadata(this);
            return fake.serve(fake);
        }
    }
}
