package dev.ossagent.cli;

import com.aliyun.oss.OSS;
import dev.ossagent.config.RawSettings;
import dev.ossagent.config.Settings;
import dev.ossagent.credentials.Credentials;
import dev.ossagent.localoss.LocalOss;
import dev.ossagent.transfer.OssClients;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A local-oss on a loopback port with two buckets and a made-up key, a settings file and an
 * AccessKey.csv in a temporary folder, and the CLI run in-process with captured stdout/stderr.
 * Every run is checked for the secrets: neither the right one nor a wrong one may be printed.
 */
final class CliFixture implements AutoCloseable {
    static final String ID = "LTAI-TESTCLIID0001";
    static final String SECRET = "made-up-cli-secret-0001";
    static final String WRONG_SECRET = "made-up-wrong-secret-0002";
    static final String MODEL_BUCKET = "hktech-agent-models";
    static final String DATA_BUCKET = "cloud-training";

    /** What one command printed and returned. */
    static final class Run {
        final int code;
        final String out;
        final String err;
        final long millis;

        Run(int code, String out, String err, long millis) {
            this.code = code;
            this.out = out;
            this.err = err;
            this.millis = millis;
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    final Path dir;
    final LocalOss server;
    final Path settingsFile;
    final Map<String, String> settings = new LinkedHashMap<>();
    /** Never the real ECS metadata service nor the user's CLI profile, unless a test sets these back. */
    Map<String, String> environment = new LinkedHashMap<>(Map.of("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true",
            "ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "true"));
    boolean terminal;

    CliFixture(Path dir) throws IOException {
        this.dir = dir;
        server = LocalOss.builder().port(0).root(Files.createDirectories(dir.resolve("oss-root")))
                .bucket(MODEL_BUCKET).bucket(DATA_BUCKET).credentials(ID, SECRET).build().start();
        settingsFile = dir.resolve("oss-agent.properties");
        settings.put("ossagent.endpoint", server.endpoint());
        settings.put("ossagent.model.bucket", MODEL_BUCKET);
        settings.put("ossagent.data.bucket", DATA_BUCKET);
        writeCsv(ID, SECRET);
    }

    void writeCsv(String id, String secret) throws IOException {
        Files.writeString(dir.resolve("AccessKey.csv"), "AccessKey ID,AccessKey Secret\r\n" + id + "," + secret + "\r\n");
    }

    void writeSettings() throws IOException {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> entry : settings.entrySet()) {
            text.append(entry.getKey()).append('=').append(entry.getValue().replace("\\", "\\\\")).append('\n');
        }
        Files.writeString(settingsFile, text.toString());
    }

    /** Runs {@code java -jar oss-agent.jar COMMAND --config <settings> ARGS...}. */
    Run cli(String command, String... args) throws IOException {
        writeSettings();
        List<String> all = new ArrayList<>();
        all.add(command);
        all.add("--config");
        all.add(settingsFile.toString());
        all.addAll(List.of(args));
        return raw(all.toArray(new String[0]));
    }

    /** Runs exactly these arguments, working directory {@link #dir}. */
    Run raw(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment, new Properties(), dir, terminal);
        long start = System.nanoTime();
        int code = OssAgentCli.run(context, args);
        Run run = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                (System.nanoTime() - start) / 1_000_000);
        for (String secret : List.of(SECRET, WRONG_SECRET)) {
            assertFalse(run.out.contains(secret), "stdout shows a secret:\n" + run);
            assertFalse(run.err.contains(secret), "stderr shows a secret:\n" + run);
        }
        return run;
    }

    /** An SDK client of our own, to put and get objects around the CLI. */
    OSS client() throws Exception {
        writeSettings();
        Settings parsed = Settings.parseForCli(RawSettings.load(settingsFile.toString(), Map.of(), new Properties()));
        return OssClients.create(parsed, new Credentials(ID, SECRET, null));
    }

    @Override
    public void close() {
        server.close();
    }
}
