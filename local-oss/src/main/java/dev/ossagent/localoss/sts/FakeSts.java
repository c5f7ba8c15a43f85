package dev.ossagent.localoss.sts;

import com.sun.net.httpserver.HttpExchange;
import dev.ossagent.localoss.LocalOss;
import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A fake Alibaba Cloud STS on loopback (RPC style, version 2015-04-01, JSON answers) for tests: a test double.
 *
 * <ul>
 * <li>{@code Action=AssumeRole}, signed (HMAC-SHA1, RPC style) with a caller key given to {@link Builder#caller};
 * RoleArn must be the one given to {@link Builder#role}.</li>
 * <li>{@code Action=AssumeRoleWithOIDC}, unsigned; RoleArn, OIDCProviderArn and OIDCToken must be those given to
 * {@link Builder#oidc} (the token can be changed while running: {@link #oidcToken}, as the kubelet rotates it).</li>
 * </ul>
 * Parameters are read from the query and from a form body, as Alibaba's credentials library sends them (it
 * POSTs AssumeRoleWithOIDC's as a form). An accepted call answers
 * {@code {"RequestId","AssumedRoleUser":{"Arn","AssumedRoleId"},"Credentials":{"SecurityToken","AccessKeyId",
 * "AccessKeySecret","Expiration"}}}, the credentials living {@link CredentialIssuer#lifetimeSeconds()} whatever
 * DurationSeconds asked (which must still be 900..43200, as STS checks); a refusal answers
 * {@code {"RequestId","HostId","Code","Message","Recommend"}} with STS's status and code.
 *
 * <pre>
 * LoopbackTls tls = LoopbackTls.create(dir);          // Alibaba's credentials library calls STS over https only
 * try (FakeSts sts = FakeSts.builder(oss).lifetimeSeconds(5).tls(tls)
 *         .caller("LTAI-CALLER", "caller-secret").role("acs:ram::1:role/trainer")
 *         .oidc("acs:ram::1:role/pod", "acs:ram::1:oidc-provider/ack", "token-1").start()) {
 *     sts.hostAndPort();    // for an STS endpoint setting: "127.0.0.1:PORT"
 *     sts.assumeRoleCount(); sts.oidcCount(); sts.requestCount(); sts.issuer().issuedCount();
 *     sts.refuse(403, "NoPermission"); sts.stopRefusing();
 * }
 * </pre>
 */
public final class FakeSts extends Fake {
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w.@-]{2,64}");
    private static final long MAX_SKEW_MILLIS = 15 * 60 * 1000;

    private final Map<String, String> callers;
    private final String roleArn;
    private final String oidcRoleArn;
    private final String oidcProviderArn;
    private volatile String oidcToken;
    private volatile StsRefusal refusal;
    private final Set<String> nonces = ConcurrentHashMap.newKeySet();
    private final AtomicLong assumeRole = new AtomicLong();
    private final AtomicLong oidc = new AtomicLong();

    private FakeSts(Builder b) {
        super(b, "fake-sts", b.tls);
        callers = Map.copyOf(b.callers);
        roleArn = b.roleArn;
        oidcRoleArn = b.oidcRoleArn;
        oidcProviderArn = b.oidcProviderArn;
        oidcToken = b.oidcToken;
    }

    public static Builder builder(LocalOss oss) {
        return new Builder(oss);
    }

    /** "127.0.0.1:PORT": what Alibaba's credentials library takes as an STS endpoint (it adds https://). */
    public String hostAndPort() {
        return "127.0.0.1:" + port();
    }

    /** AssumeRole calls that issued credentials. */
    public long assumeRoleCount() {
        return assumeRole.get();
    }

    /** AssumeRoleWithOIDC calls that issued credentials. */
    public long oidcCount() {
        return oidc.get();
    }

    /** From now on only this OIDC token is accepted (the kubelet rotated the file). */
    public void oidcToken(String token) {
        oidcToken = token;
    }

    /** Refuses every AssumeRole* call with this status and code (e.g. 403 NoPermission) until {@link #stopRefusing}. */
    public void refuse(int status, String code) {
        refusal = new StsRefusal(status, code, "Refused by the fake STS, as told.");
    }

    public void stopRefusing() {
        refusal = null;
    }

    @Override
    void handle(HttpExchange ex) throws IOException {
        RpcRequest req = RpcRequest.read(ex);
        String requestId = UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
        try {
            String action = req.get("Action");
            if (action == null) {
                throw StsRefusal.missing("Action");
            }
            Json answer;
            switch (action) {
                case "AssumeRole": answer = assumeRole(req); break;
                case "AssumeRoleWithOIDC": answer = assumeRoleWithOidc(req); break;
                default: throw new StsRefusal(404, "InvalidAction.NotFound",
                        "Specified api is not found, please check your url and method.");
            }
            FakeServer.json(ex, 200, answer.put("RequestId", requestId));
        } catch (StsRefusal r) {
            FakeServer.json(ex, r.status, new Json().put("RequestId", requestId).put("HostId", hostAndPort())
                    .put("Code", r.code).put("Message", r.getMessage())
                    .put("Recommend", "https://api.aliyun.com/troubleshoot?q=" + r.code));
        }
    }

    private Json assumeRole(RpcRequest req) {
        checkSignature(req);
        String arn = required(req, "RoleArn");
        String session = sessionName(req);
        checkDuration(req);
        if (refusal != null) {
            throw refusal;
        }
        if (!arn.equals(roleArn)) {
            throw new StsRefusal(404, "EntityNotExist.Role", "The role not exists: " + arn + ".");
        }
        assumeRole.incrementAndGet();
        return credentials(arn, session);
    }

    private Json assumeRoleWithOidc(RpcRequest req) {
        String arn = required(req, "RoleArn");
        String provider = required(req, "OIDCProviderArn");
        String token = required(req, "OIDCToken");
        String session = req.get("RoleSessionName") == null ? "oidc-session" : sessionName(req);
        checkDuration(req);
        if (refusal != null) {
            throw refusal;
        }
        if (!provider.equals(oidcProviderArn)) {
            throw new StsRefusal(404, "EntityNotExist.OIDCProvider", "The specified OIDC provider does not exist.");
        }
        if (!arn.equals(oidcRoleArn)) {
            throw new StsRefusal(404, "EntityNotExist.Role", "The role not exists: " + arn + ".");
        }
        String expected = oidcToken;
        if (expected == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                token.trim().getBytes(StandardCharsets.UTF_8))) {
            throw new StsRefusal(400, "AuthenticationFail.OIDCToken.Invalid", "The OIDC token is invalid.");
        }
        oidc.incrementAndGet();
        return credentials(arn, session);
    }

    private Json credentials(String arn, String session) {
        TemporaryCredentials c = issuer().issue();
        return new Json()
                .put("AssumedRoleUser", new Json().put("Arn", arn + "/" + session)
                        .put("AssumedRoleId", "300000000000000000:" + session))
                .put("Credentials", new Json().put("SecurityToken", c.securityToken)
                        .put("AccessKeyId", c.accessKeyId).put("AccessKeySecret", c.accessKeySecret)
                        .put("Expiration", c.expirationText()));
    }

    /** The RPC signature of a caller key, with the common parameters STS requires and a fresh nonce. */
    private void checkSignature(RpcRequest req) {
        String id = required(req, "AccessKeyId");
        String signature = required(req, "Signature");
        for (String p : new String[] {"SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp", "Version"}) {
            required(req, p);
        }
        if (!req.get("SignatureMethod").equals("HMAC-SHA1") || !req.get("SignatureVersion").equals("1.0")) {
            throw new StsRefusal(400, "InvalidSignatureMethod", "Specified signature method is not supported.");
        }
        try {
            long t = Instant.parse(req.get("Timestamp")).toEpochMilli();
            if (Math.abs(System.currentTimeMillis() - t) > MAX_SKEW_MILLIS) {
                throw new StsRefusal(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
            }
        } catch (DateTimeParseException e) {
            throw new StsRefusal(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.");
        }
        String secret = callers.get(id);
        if (secret == null) {
            throw new StsRefusal(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
        }
        if (!MessageDigest.isEqual(req.expectedSignature(secret).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8))) {
            throw new StsRefusal(400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation.");
        }
        if (!nonces.add(req.get("SignatureNonce"))) {
            throw new StsRefusal(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
        }
    }

    private static String required(RpcRequest req, String name) {
        String v = req.get(name);
        if (v == null || v.isEmpty()) {
            throw StsRefusal.missing(name);
        }
        return v;
    }

    private static String sessionName(RpcRequest req) {
        String s = required(req, "RoleSessionName");
        if (!SESSION_NAME.matcher(s).matches()) {
            throw new StsRefusal(400, "InvalidParameter.RoleSessionName", "The parameter RoleSessionName is wrongly formed.");
        }
        return s;
    }

    private static void checkDuration(RpcRequest req) {
        String d = req.get("DurationSeconds");
        if (d == null) {
            return;
        }
        try {
            long seconds = Long.parseLong(d);
            if (seconds >= 900 && seconds <= 43200) {
                return;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new StsRefusal(400, "InvalidParameter.DurationSeconds",
                "The Min/Max value of DurationSeconds is 15min/12hr.");
    }

    /** Configuration for {@link FakeSts}. */
    public static final class Builder extends Fake.Builder<Builder> {
        private LoopbackTls tls;
        private final Map<String, String> callers = new LinkedHashMap<>();
        private String roleArn;
        private String oidcRoleArn;
        private String oidcProviderArn;
        private String oidcToken;

        private Builder(LocalOss oss) {
            super(oss);
        }

        /** Serve HTTPS with this certificate (plain HTTP without). */
        public Builder tls(LoopbackTls tls) {
            this.tls = tls;
            return this;
        }

        /** A long-term key that may call AssumeRole (repeatable). */
        public Builder caller(String accessKeyId, String accessKeySecret) {
            callers.put(accessKeyId, accessKeySecret);
            return this;
        }

        /** The role AssumeRole may assume. */
        public Builder role(String roleArn) {
            this.roleArn = roleArn;
            return this;
        }

        /** The role, OIDC provider and token that AssumeRoleWithOIDC accepts. */
        public Builder oidc(String roleArn, String providerArn, String token) {
            this.oidcRoleArn = roleArn;
            this.oidcProviderArn = providerArn;
            this.oidcToken = token;
            return this;
        }

        /** Binds 127.0.0.1 and serves. */
        public FakeSts start() {
            FakeSts fake = new FakeSts(this);
            return fake.serve(fake);
        }
    }
}
