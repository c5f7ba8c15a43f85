package dev.ossagent.localoss.sts;

import com.sun.net.httpserver.HttpExchange;
import dev.ossagent.localoss.LocalOss;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake credentials URI server ({@code ALIBABA_CLOUD_CREDENTIALS_URI}) on loopback for tests: a test double.
 * {@code GET} of any path answers {@code {"Code":"Success","AccessKeyId","AccessKeySecret","SecurityToken",
 * "Expiration"}} with fresh credentials living {@link CredentialIssuer#lifetimeSeconds()}; while
 * {@link #failWith} is set, it answers that status with {@code {"Code":"Failed","Message"}}.
 *
 * <pre>
 * try (FakeCredentialsUri uri = FakeCredentialsUri.builder(oss).lifetimeSeconds(5).start()) {
 *     uri.uri();                                       // "http://127.0.0.1:PORT/credentials"
 *     uri.credentialsCount(); uri.requestCount();
 *     uri.failWith(500); uri.failWith(0);
 * }
 * </pre>
 */
public final class FakeCredentialsUri extends Fake {
    private final AtomicLong credentials = new AtomicLong();
    private volatile int failStatus;

    private FakeCredentialsUri(Builder b) {
        super(b, "fake-credentials-uri", null);
    }

    public static Builder builder(LocalOss oss) {
        return new Builder(oss);
    }

    /** "http://127.0.0.1:PORT/credentials" (any path answers the same). */
    public String uri() {
        return endpoint() + "/credentials";
    }

    /** Credentials handed out. */
    public long credentialsCount() {
        return credentials.get();
    }

    /** Answer every request with this HTTP status and Code "Failed" from now on; 0 to answer normally again. */
    public void failWith(int status) {
        failStatus = status;
    }

    @Override
    void handle(HttpExchange ex) throws IOException {
        int fail = failStatus;
        if (fail != 0) {
            FakeServer.json(ex, fail, new Json().put("Code", "Failed").put("Message", "Failing, as told."));
            return;
        }
        if (!ex.getRequestMethod().equals("GET")) {
            FakeServer.json(ex, 405, new Json().put("Code", "Failed").put("Message", "GET only."));
            return;
        }
        TemporaryCredentials c = issuer().issue();
        credentials.incrementAndGet();
        FakeServer.json(ex, 200, new Json().put("Code", "Success").put("AccessKeyId", c.accessKeyId)
                .put("AccessKeySecret", c.accessKeySecret).put("SecurityToken", c.securityToken)
                .put("Expiration", c.expirationText()));
    }

    /** Configuration for {@link FakeCredentialsUri}. */
    public static final class Builder extends Fake.Builder<Builder> {
        private Builder(LocalOss oss) {
            super(oss);
        }

        public FakeCredentialsUri start() {
            FakeCredentialsUri fake = new FakeCredentialsUri(this);
            return fake.serve(fake);
        }
    }
}
