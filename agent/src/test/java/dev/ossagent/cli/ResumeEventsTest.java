package dev.ossagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ossagent.journal.Journal;
import dev.ossagent.journal.JournalEntry;
import dev.ossagent.journal.JournaledPlan;
import dev.ossagent.journal.PlanRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code resume} writes the events of what it finishes to {@code ossagent.events.file}, as the agent would have. */
class ResumeEventsTest {
    @TempDir
    Path dir;

    @Test
    void resumeWritesAVerifiedFileEventForTheRunAndTheManifest() throws Exception {
        try (CliFixture cli = new CliFixture(dir)) {
            cli.settings.put("ossagent.state.dir", dir.resolve("state").toString());
            cli.settings.put("ossagent.model.prefix", "models/");
            cli.settings.put("ossagent.events.file", "events.jsonl");
            Path model = Files.write(dir.resolve("model.pt"), new byte[] {1, 2, 3});
            PlanRecord draft = PlanRecord.now("com.example.T#train", model.toString(), cli.server.endpoint(),
                    CliFixture.MODEL_BUCKET, "models/oss-agent-manifest.json").withRun("run-left", 0, null);
            try (JournaledPlan plan = new Journal(dir.resolve("state")).record(draft, List.of(
                    new JournalEntry(1, model, CliFixture.MODEL_BUCKET, "models/model.pt", 3)))) {
                // journaled and left, as by a JVM killed before it could upload
            }

            CliFixture.Run run = cli.cli("resume");

            assertEquals(0, run.code, run.toString());
            List<JsonObject> events = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve("events.jsonl"))) {
                events.add(new JsonParser().parse(line).getAsJsonObject());
            }
            assertEquals(2, events.size(), events.toString());
            JsonObject file = events.get(0);
            assertEquals("file", file.get("type").getAsString());
            assertEquals("run-left", file.get("run").getAsString(), "the plan's run, not the resume's");
            assertEquals("verified", file.get("status").getAsString());
            assertEquals("models/model.pt", file.get("key").getAsString());
            assertEquals("manifest", events.get(1).get("type").getAsString());
            assertEquals("written", events.get(1).get("status").getAsString());
            assertTrue(run.out.contains("resuming "), run.out);
        }
    }
}
