package dev.ossagent.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ossagent.config.RawSettings;
import dev.ossagent.config.Settings;
import dev.ossagent.journal.JournalEntry;
import dev.ossagent.journal.JournaledPlan;
import dev.ossagent.journal.PlanRecord;
import dev.ossagent.journal.StateDir;
import dev.ossagent.localoss.LocalOss;
import dev.ossagent.log.LogCapture;
import dev.ossagent.transfer.UploadProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The credentials line is said once per identity in a JVM, not once per upload (10,000 saves were 4,107 lines). */
class UploadSessionTest {
    private static final String ID = "TEST-SESSION-ID-0001";
    private static final String SECRET = "made-up-session-secret-0001";

    @TempDir
    Path dir;

    @Test
    void theCredentialsLineIsSaidOncePerIdentityNotPerUpload() throws Exception {
        try (LocalOss server = LocalOss.builder().port(0).root(Files.createDirectories(dir.resolve("oss-root")))
                .bucket("model-bucket").credentials(ID, SECRET).build().start()) {
            Path file = dir.resolve("oss-agent.properties");
            Files.writeString(file, "ossagent.target.class=T\nossagent.model.bucket=model-bucket\nossagent.endpoint="
                    + server.endpoint() + "\nossagent.state.dir=" + dir.resolve("state") + "\naccess_key_id=" + ID
                    + "\naccess_key_secret=" + SECRET + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            Settings settings = Settings.parse(RawSettings.load(file.toString(), Map.of(), new Properties()));
            UploadSession session = new UploadSession(settings, StateDir.at(settings.stateDir()));
            Path model = Files.writeString(dir.resolve("model.pt"), "weights");
            try (LogCapture log = new LogCapture()) {
                for (int save = 0; save < 5; save++) {
                    PlanRecord record = PlanRecord.now("T#train", model.toString(), server.endpoint(), "model-bucket",
                            "oss-agent-manifest.json");
                    session.upload(JournaledPlan.inMemory(record,
                            List.of(new JournalEntry(1, model, "model-bucket", "model.pt", 7))), new UploadProgress());
                }
                assertEquals(1, log.text().lines().filter(line -> line.contains("credentials: ")).count(), log.text());
            }
        }
    }
}
