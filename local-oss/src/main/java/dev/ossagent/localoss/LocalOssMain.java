package dev.ossagent.localoss;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import dev.ossagent.localoss.sts.FakeCredentialsUri;
import dev.ossagent.localoss.sts.FakeEcsMetadata;
import dev.ossagent.localoss.sts.FakeSts;
import dev.ossagent.localoss.sts.LoopbackTls;

/** Command line: see {@link LocalOssOptions#USAGE}. Runs until killed. */
public final class LocalOssMain {
    private LocalOssMain() {
    }

    public static void main(String[] args) throws Exception {
        LocalOss server;
        LocalOssOptions options;
        try {
            options = LocalOssOptions.parse(args, System.getenv());
            if (options.help) {
                System.out.println(LocalOssOptions.USAGE);
                return;
            }
            server = options.builder.build();
            server.faults().failRatio(options.failRatio).resetRatio(options.resetRatio).delayMillis(options.delayMs);
            server.maxBandwidth(options.maxBandwidth);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Never echo the arguments themselves: they may contain secrets.
            System.err.println("local-oss: " + e.getMessage());
            System.err.println(LocalOssOptions.USAGE);
            System.exit(2);
            return;
        }
        server.start();
        if (options.portFile != null) {
            writePortFile(Path.of(options.portFile), server.port());
        }
        System.out.println("local-oss listening on " + server.endpoint());
        startFakes(options, server);
        System.out.flush();
        LocalOss running = server;
        Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "local-oss-shutdown"));
        Thread.currentThread().join(); // serve until killed
    }

    /** The identity fakes asked for, each printing where it listens (never what it issues). */
    private static void startFakes(LocalOssOptions o, LocalOss server) {
        if (o.credentialsUriPort >= 0) {
            FakeCredentialsUri uri = FakeCredentialsUri.builder(server).port(o.credentialsUriPort)
                    .lifetimeSeconds(o.temporarySeconds).start();
            System.out.println("fake credentials URI on " + uri.uri());
        }
        if (o.ecsMetadataPort >= 0) {
            FakeEcsMetadata.Builder b = FakeEcsMetadata.builder(server).port(o.ecsMetadataPort)
                    .lifetimeSeconds(o.temporarySeconds).role(o.ecsRole).spotTermination(o.ecsSpotTermination);
            if (o.ecsImdsV1Disabled) {
                b.imdsV1Disabled();
            }
            System.out.println("fake ECS metadata on " + b.start().endpoint()
                    + (o.ecsRole == null ? " (no role attached)" : " (role " + o.ecsRole + ")"));
        }
        if (o.stsPort >= 0) {
            FakeSts.Builder b = FakeSts.builder(server).port(o.stsPort).lifetimeSeconds(o.temporarySeconds)
                    .role(o.stsRole);
            o.keys.forEach(b::caller);
            if (o.stsOidc != null) {
                b.oidc(o.stsOidc[0], o.stsOidc[1], o.stsOidcToken);
            }
            LoopbackTls tls = o.stsTlsDir == null ? null : LoopbackTls.create(Path.of(o.stsTlsDir));
            FakeSts sts = b.tls(tls).start();
            System.out.println("fake STS on " + sts.endpoint()
                    + (tls == null ? "" : " (trust store " + tls.trustStore() + ", password " + LoopbackTls.PASSWORD + ")"));
        }
    }

    /** Written via rename so that a polling script never reads a half-written number. */
    private static void writePortFile(Path file, int port) throws IOException {
        Path abs = file.toAbsolutePath();
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        Files.write(tmp, (port + "\n").getBytes(StandardCharsets.US_ASCII));
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
