package dev.ossagent.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Token files, credentials files and credentials services are read with a size limit fit for them, and a
 * device or named pipe is refused, not read: {@code /dev/zero} as a token file once filled the heap.
 */
class BoundedReadsTest {
    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();

    private OfficialTiers tiers() {
        return new OfficialTiers(env, dir, "http://127.0.0.1:9/sts", "cn-beijing", "http://127.0.0.1:9",
                dir.resolve("pai-credentials"), System::currentTimeMillis);
    }

    private String fails(Call call) {
        return assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(CredentialsException.class, call::run)).getMessage();
    }

    private interface Call {
        void run() throws Exception;
    }

    private void rrsa(String tokenFile) {
        env.put("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1234567890:role/oss-writer");
        env.put("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "acs:ram::1234567890:oidc-provider/c1");
        env.put("ALIBABA_CLOUD_OIDC_TOKEN_FILE", tokenFile);
    }

    @Test
    void aTokenFileThatIsADeviceAPipeOrHugeIsOneLineNamingItAndTheLimit() throws Exception {
        rrsa("/dev/zero");
        assertEquals("OIDC token file /dev/zero is not a regular file (a device, named pipe or socket), so it is not"
                + " read", fails(() -> tiers().rrsa()));

        Path pipe = dir.resolve("token-pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
        rrsa(pipe.toString());
        assertEquals("OIDC token file " + pipe + " is not a regular file (a device, named pipe or socket), so it is"
                + " not read", fails(() -> tiers().rrsa()));

        Path huge = Files.write(dir.resolve("token"), new byte[64 * 1024 + 1]);
        rrsa(huge.toString());
        assertEquals("OIDC token file " + huge + " is larger than the limit of 64 KiB for such a file, so it is not"
                + " read", fails(() -> tiers().rrsa()));
    }

    @Test
    void aCredentialsFileThatIsADeviceOrHugeIsRefused() throws Exception {
        env.put("ALIBABA_CLOUD_CREDENTIALS_FILE", "/dev/zero");
        assertEquals("credentials file /dev/zero is not a regular file (a device, named pipe or socket), so it is not"
                + " read", fails(() -> tiers().credentialsFile()));

        Path huge = Files.write(dir.resolve("credentials.ini"), new byte[1024 * 1024 + 1]);
        env.put("ALIBABA_CLOUD_CREDENTIALS_FILE", huge.toString());
        assertEquals("credentials file " + huge + " is larger than the limit of 1 MiB for such a file, so it is not"
                + " read", fails(() -> tiers().credentialsFile()));
    }

    @Test
    void aCredentialsServiceAnsweringWithoutEndIsCutAtTheLimit() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked, never ending on its own
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] block = new byte[64 * 1024];
                for (int i = 0; i < 16 * 1024; i++) { // up to 1 GiB
                    out.write(block);
                }
            } catch (java.io.IOException e) {
                // the client stopped reading: as it should
            }
        });
        server.start();
        try {
            String uri = "http://127.0.0.1:" + server.getAddress().getPort() + "/creds";
            assertEquals(uri + " unreachable (its answer is larger than the limit of 256 KiB, so it was not read)",
                    fails(() -> new CredentialsUri(uri).fetch()));
        } finally {
            server.stop(0);
        }
        TimeUnit.MILLISECONDS.sleep(1);
    }
}
