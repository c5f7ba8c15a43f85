package dev.ossagent.localoss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.common.utils.CRC64;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in a separate JVM with a tiny heap, keys from the environment: a body far larger than the heap must stream to disk. */
class CliStreamingTest {
    static final long SIZE = 300L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void cliStartsWritesPortFileAndStreamsLargeUploadsWithSmallHeap() throws Exception {
        Path portFile = dir.resolve("port");
        Path root = dir.resolve("root");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx24m", "-cp", System.getProperty("java.class.path"), LocalOssMain.class.getName(),
                "--port", "0", "--root", root.toString(), "--bucket", "big-bucket",
                "--port-file", portFile.toString());
        // The keys by environment, as the README advises: a command line shows in ps.
        pb.environment().put(LocalOssOptions.KEYS_ENV, "LTAI-TESTKEYID0001:made-up-secret-0001");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null && line.matches("local-oss listening on http://127\\.0\\.0\\.1:\\d+"), line);
            int port = Integer.parseInt(Files.readString(portFile).trim());
            assertTrue(line.endsWith(":" + port));

            String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
            String canonical = "PUT\n\napplication/octet-stream\n" + date + "\n/big-bucket/model.bin";
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec("made-up-secret-0001".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String sig = Base64.getEncoder().encodeToString(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));

            HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/big-bucket/model.bin").openConnection();
            c.setRequestMethod("PUT");
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(SIZE);
            c.setRequestProperty("Content-Type", "application/octet-stream");
            c.setRequestProperty("Date", date);
            c.setRequestProperty("Authorization", "OSS LTAI-TESTKEYID0001:" + sig);
            CRC64 crc = new CRC64();
            byte[] chunk = new byte[1 << 20];
            new Random(5).nextBytes(chunk);
            try (OutputStream o = c.getOutputStream()) {
                for (long sent = 0; sent < SIZE; sent += chunk.length) {
                    chunk[0] = (byte) (sent >>> 20); // vary the chunks a little
                    o.write(chunk);
                    crc.update(chunk, chunk.length);
                }
            }
            assertEquals(200, c.getResponseCode());
            assertEquals(Long.toUnsignedString(crc.getValue()), c.getHeaderField("x-oss-hash-crc64ecma"));
            assertEquals(SIZE, Files.size(root.resolve("big-bucket").resolve("model.bin")));
            assertTrue(p.isAlive(), "server survived a body 12x its heap");
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
