package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dev.ossagent:type=Uploads} as a monitoring stack sees it: the Prometheus jmx_exporter agent (the real one,
 * from Maven Central) runs as another {@code -javaagent} in the trainer's JVM, and its HTTP endpoint shows the
 * agent's counters moving while a 200 MiB model goes up through a throttled local-oss. JMX is not set: it is on
 * because jmx_exporter put java.lang.management to use first.
 */
class JmxExporterIT {
    private static final Path JAVA = Paths.get(System.getProperty("java.home"), "bin", "java");
    private static final long MIB = 1024 * 1024;
    private static final Pattern SAMPLE = Pattern.compile("(?m)^dev_ossagent_Uploads_(\\w+)(?:\\{[^}]*\\})? (\\S+)$");

    @TempDir
    Path dir;

    private static Path exporterJar() {
        Path jar = Paths.get(System.getProperty("ossagent.it.jmxExporterJar",
                "target/test-agents/jmx_prometheus_javaagent.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), jar + " is missing: mvn -pl agent verify copies it");
        return jar;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The agent's samples on the exporter's page, or null while it is not up. */
    private static Map<String, Double> scrape(int port) {
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/metrics")
                    .openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(5000);
            String page;
            try (InputStream in = connection.getInputStream()) {
                page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, Double> samples = new HashMap<>();
            Matcher sample = SAMPLE.matcher(page);
            while (sample.find()) {
                samples.put(sample.group(1), Double.parseDouble(sample.group(2)));
            }
            return samples;
        } catch (IOException e) {
            return null;
        }
    }

    @Test
    void jmxExporterShowsTheCountersMovingDuringA200MibUpload() throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.server.maxBandwidth(25 * MIB); // 200 MiB take about 8 s: time for several scrapes
            fixture.writeSettings("ossagent.model.files=models/rssm_model.pt\nossagent.data.files=");
            Path config = dir.resolve("jmx-exporter.yaml");
            Files.writeString(config, "includeObjectNames: [\"dev.ossagent:*\"]\n");
            int port = freePort();
            JvmRun.Started trainer = fixture.trainer(JAVA, "--epochs", "1", "--pad-model-mb", "200")
                    .jvmArgs("-javaagent:" + exporterJar() + "=127.0.0.1:" + port + ":" + config)
                    .env("OSSAGENT_RUN_ID", "run-jmx").timeoutSeconds(240).start();
            List<Map<String, Double>> seen = new ArrayList<>();
            long deadline = System.nanoTime() + 200_000_000_000L;
            while (System.nanoTime() < deadline && !trainer.stderrSoFar().contains("uploads finished")
                    && !trainer.stderrSoFar().contains("ERROR")) {
                Map<String, Double> samples = scrape(port);
                if (samples != null && !samples.isEmpty()) {
                    seen.add(samples);
                }
                Thread.sleep(300);
            }
            JvmRun.Result result = trainer.await();
            assertEquals(0, result.exitCode, result.toString());
            assertTrue(result.stderr.contains("JMX: dev.ossagent:type=Uploads registered in "), result.stderr);
            assertTrue(result.stderr.contains("(java.lang.management was in use; ossagent.jmx=false turns it off)"),
                    result.stderr);

            // BytesSent moved while the file was in flight: at least three different values short of the whole.
            long during = seen.stream().filter(s -> s.getOrDefault("FilesInFlight", 0.0) == 1.0)
                    .map(s -> s.get("BytesSent")).filter(b -> b != null && b > 0 && b < 200 * MIB).distinct().count();
            System.out.println("JmxExporterIT: " + seen.size() + " scrapes, " + during + " values of BytesSent in flight; "
                    + result.stderr.lines().filter(line -> line.contains("JMX: ")).findFirst().orElse(""));
            assertTrue(during >= 3, "BytesSent while uploading: " + seen);
            assertTrue(seen.stream().anyMatch(s -> s.getOrDefault("BytesInFlight", 0.0) == 200 * MIB
                    && s.getOrDefault("FilesPending", 0.0) == 1.0 && s.get("BytesPending") > 0), seen.toString());
            assertTrue(seen.stream().anyMatch(s -> s.getOrDefault("FilesPlanned", 0.0) == 1.0
                    && s.getOrDefault("BytesPlanned", 0.0) == 200 * MIB), seen.toString());
            assertTrue(seen.stream().anyMatch(s -> s.getOrDefault("ExitPending", 0.0) == 1.0),
                    "main returned and exit waits for the upload: " + seen);
            for (int i = 1; i < seen.size(); i++) {
                assertTrue(seen.get(i).get("BytesSent") >= seen.get(i - 1).get("BytesSent"), "a counter: " + seen);
            }
            assertEquals(-1.0, seen.get(0).get("SecondsSinceLastVerified"), "nothing verified yet: " + seen.get(0));
            assertEquals(0.0, seen.get(0).get("FilesFailed"));
        }
    }
}
