package dev.ossagent.localoss.sts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 (made by the JDK's keytool, valid 2 days) so that a fake can speak
 * HTTPS, plus a trust store holding only it. Alibaba's credentials library calls STS over https only, so a fake
 * STS it can reach must be HTTPS: start the client JVM with {@link #trustStoreOptions()}.
 *
 * <pre>
 * LoopbackTls tls = LoopbackTls.create(tempDir);
 * FakeSts sts = FakeSts.builder().tls(tls)...start();
 * java tls.trustStoreOptions() ... (or, in-process, tls.clientContext())
 * </pre>
 */
public final class LoopbackTls {
    /** Protects nothing secret (a throw-away test certificate); fixed so that scripts can pass it. */
    public static final String PASSWORD = "local-oss-tls";

    private final Path keyStore;
    private final Path trustStore;

    private LoopbackTls(Path keyStore, Path trustStore) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
    }

    /** Writes fake-tls-key.p12 and fake-tls-trust.p12 into {@code dir} (about a second: keytool runs). */
    public static LoopbackTls create(Path dir) {
        try {
            Files.createDirectories(dir);
            Path key = dir.resolve("fake-tls-key.p12");
            Path trust = dir.resolve("fake-tls-trust.p12");
            Files.deleteIfExists(key);
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "fake", "-keyalg", "EC",
                    "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", key.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed to make a test certificate");
            }
            KeyStore keys = load(key);
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("fake", keys.getCertificate("fake"));
            try (OutputStream out = Files.newOutputStream(trust)) {
                trusted.store(out, PASSWORD.toCharArray());
            }
            return new LoopbackTls(key, trust);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Path trustStore() {
        return trustStore;
    }

    /** JVM options that make a client JVM trust (only) the fakes' certificate. */
    public List<String> trustStoreOptions() {
        return List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12");
    }

    /** For in-process clients: an SSLContext trusting the fakes' certificate. */
    public SSLContext clientContext() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load(trustStore));
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    SSLContext serverContext() {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(keyStore), PASSWORD.toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return ks;
    }
}
