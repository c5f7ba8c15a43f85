import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * Writes RUNS run folders straight into a local-oss bucket folder (local-oss serves files dropped by hand), as the
 * agent leaves them: models/run-NNNNN/ with rssm_model.pt, scaler.pkl and oss-agent-manifest.json, one run a minute
 * apart; every tenth run has no manifest (incomplete). Usage: java MakeRuns.java BUCKET_DIR RUNS
 */
public class MakeRuns {
    public static void main(String[] args) throws IOException {
        Path bucket = Paths.get(args[0]);
        int runs = Integer.parseInt(args[1]);
        Instant first = Instant.parse("2026-01-01T00:00:00Z");
        String sha = "0".repeat(64);
        for (int i = 1; i <= runs; i++) {
            String run = String.format("run-%05d", i);
            Path folder = Files.createDirectories(bucket.resolve("models").resolve(run));
            Instant started = first.plusSeconds(60L * i);
            FileTime time = FileTime.from(started);
            Files.setLastModifiedTime(Files.writeString(folder.resolve("rssm_model.pt"), "weights of " + run), time);
            Files.setLastModifiedTime(Files.writeString(folder.resolve("scaler.pkl"), "scaler of " + run), time);
            if (i % 10 == 0) {
                continue;
            }
            String manifest = "{\n  \"format\": \"oss-agent-manifest/1\",\n  \"run\": \"" + run + "\",\n  \"rank\": 0,\n"
                    + "  \"started\": \"" + started + "\",\n  \"finished\": \"" + started.plusSeconds(5) + "\",\n"
                    + "  \"files\": [\n"
                    + "    {\"bucket\": \"hktech-agent-models\", \"key\": \"models/" + run + "/rssm_model.pt\", \"size\": "
                    + ("weights of " + run).length() + ", \"crc64\": \"1\", \"sha256\": \"" + sha + "\"},\n"
                    + "    {\"bucket\": \"hktech-agent-models\", \"key\": \"models/" + run + "/scaler.pkl\", \"size\": "
                    + ("scaler of " + run).length() + ", \"crc64\": \"2\", \"sha256\": \"" + sha + "\"}\n  ]\n}\n";
            Files.setLastModifiedTime(Files.writeString(folder.resolve("oss-agent-manifest.json"), manifest,
                    StandardCharsets.UTF_8), FileTime.from(started.plusSeconds(5)));
        }
    }
}
