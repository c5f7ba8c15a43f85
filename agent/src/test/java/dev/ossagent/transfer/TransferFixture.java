package dev.ossagent.transfer;

import com.aliyun.oss.OSS;
import dev.ossagent.config.RawSettings;
import dev.ossagent.config.Settings;
import dev.ossagent.credentials.Credentials;
import dev.ossagent.localoss.LocalOss;
import dev.ossagent.log.AgentLog;
import dev.ossagent.plan.PlannedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** local-oss on loopback, agent settings pointing at it, one SDK client as the agent builds it, and the log. */
final class TransferFixture implements AutoCloseable {
    static final String BUCKET = "hktech-agent-models";
    static final String ID = "LTAI-TESTTRANSFER01";
    static final String SECRET = "made-up-transfer-secret-never-print";

    final Path dir;
    final LocalOss server;
    final Settings settings;
    final OSS client;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    /** @param extra settings as name, value, name, value... over small-file defaults for fast tests */
    TransferFixture(Path dir, String... extra) throws Exception {
        this.dir = dir;
        server = LocalOss.builder().port(0).root(Files.createDirectories(dir.resolve("oss-root"))).bucket(BUCKET)
                .credentials(ID, SECRET).build().start();
        Properties values = new Properties();
        values.setProperty("ossagent.endpoint", server.endpoint());
        values.setProperty("ossagent.model.bucket", BUCKET);
        values.setProperty("ossagent.state.dir", dir.resolve("state").toString());
        values.setProperty("ossagent.multipart.threshold", "200KiB");
        values.setProperty("ossagent.multipart.part-size", "100KiB");
        values.setProperty("ossagent.multipart.threads", "2");
        values.setProperty("ossagent.retry.backoff", "10ms");
        for (int i = 0; i < extra.length; i += 2) {
            values.setProperty(extra[i], extra[i + 1]);
        }
        settings = Settings.parseForCli(RawSettings.withoutFile(Map.of(), values));
        client = OssClients.create(settings, new Credentials(ID, SECRET, null));
        AgentLog.redirectForTests(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    /** A file of {@code size} pseudo-random bytes. */
    Path file(String name, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    PlannedFile planned(Path file) throws IOException {
        return new PlannedFile(file, BUCKET, "models/" + file.getFileName(), Files.size(file));
    }

    /** local-oss keeps objects as plain files: compare bytes directly. */
    boolean storedEquals(Path local, String key) throws IOException {
        Path stored = server.root().resolve(BUCKET).resolve(key);
        return Files.exists(stored) && Files.mismatch(local, stored) == -1;
    }

    String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    long lines(String text) {
        return log().lines().filter(line -> line.contains(text)).count();
    }

    @Override
    public void close() {
        AgentLog.redirectForTests(null);
        assertFalse(log().contains(SECRET), "the secret appeared in the log");
        client.shutdown();
        server.close();
    }
}
