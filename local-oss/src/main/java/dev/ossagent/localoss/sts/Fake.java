package dev.ossagent.localoss.sts;

import dev.ossagent.localoss.LocalOss;

/**
 * What the three fakes share: a loopback server that counts requests, and an issuer of temporary credentials
 * registered with a {@link LocalOss}.
 */
public abstract class Fake implements AutoCloseable {
    private final CredentialIssuer issuer;
    private final FakeServer server;

    Fake(Builder<?> b, String name, LoopbackTls tls) {
        issuer = new CredentialIssuer(b.oss, b.lifetimeSeconds);
        server = new FakeServer(name, b.port, tls, this::handle);
    }

    /** Called by the builders once the fake is fully built. */
    final <F extends Fake> F serve(F self) {
        server.start();
        return self;
    }

    abstract void handle(com.sun.net.httpserver.HttpExchange ex) throws java.io.IOException;

    /** "http://127.0.0.1:PORT" (https with TLS). */
    public String endpoint() {
        return server.endpoint();
    }

    public int port() {
        return server.port();
    }

    /** Issues the credentials: its lifetime can be changed, and it lists and counts what it issued. */
    public CredentialIssuer issuer() {
        return issuer;
    }

    /** Every request received, answered or refused. */
    public long requestCount() {
        return server.requestCount();
    }

    @Override
    public void close() {
        server.close();
    }

    /** The settings every fake takes. */
    public abstract static class Builder<B extends Builder<B>> {
        final LocalOss oss;
        int port;
        int lifetimeSeconds = 3600;

        /** @param oss the server to accept what the fake issues; null for none */
        Builder(LocalOss oss) {
            this.oss = oss;
        }

        /** 0 (the default) picks an ephemeral port. */
        public B port(int port) {
            this.port = port;
            return self();
        }

        /** How long issued credentials live (default 3600); changeable later through {@link Fake#issuer()}. */
        public B lifetimeSeconds(int seconds) {
            this.lifetimeSeconds = seconds;
            return self();
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }
    }
}
