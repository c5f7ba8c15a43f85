package dev.ossagent.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ossagent.journal.PlanRecord;
import dev.ossagent.journal.UploadedFile;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoredManifestTest {
    private static final PlanRecord PLAN = new PlanRecord("id", "com.example.Trainer#train", "/runs/a.pt",
            "https://oss-cn-beijing.aliyuncs.com", "b", "models/" + Manifest.FILE_NAME, 1_700_000_000_000L, 42, "17.0.15",
            null);

    @Test
    void readsBackWhatTheAgentWrites() throws Exception {
        String json = Manifest.json(PLAN, "host", List.of(
                new UploadedFile("/runs/a.pt", "b", "models/a.pt", 10, "18446744073709551615", "ab".repeat(32), 1.25, false),
                new UploadedFile("/runs/d.json", "d", "training-data/d.json", 0, "0", "CD".repeat(32), 0, true)),
                1_700_000_060_000L);
        StoredManifest manifest = StoredManifest.parse(json);
        assertNull(manifest.run(), "a manifest without \"run\" names no run");
        assertEquals(Instant.parse("2023-11-14T22:13:20Z"), manifest.started());
        assertEquals(2, manifest.files().size());
        StoredManifest.Entry first = manifest.files().get(0);
        assertEquals("b", first.bucket);
        assertEquals("models/a.pt", first.key);
        assertEquals(10, first.size);
        assertEquals(-1L, first.crc64, "the largest unsigned CRC64 survives");
        assertEquals("ab".repeat(32), first.sha256);
        assertNull(first.problem);
        assertEquals("cd".repeat(32), manifest.files().get(1).sha256, "hex compared in lower case");
        assertEquals(10, manifest.bytes());
    }

    @Test
    void runAndRankAfterTrainer() throws Exception {
        StoredManifest manifest = StoredManifest.parse("{\"format\": \"oss-agent-manifest/1\", \"trainer\": \"T#t\","
                + " \"run\": \"20261129T0400Z-host-ab12\", \"rank\": 0, \"started\": \"2026-11-29T04:00:00Z\","
                + " \"files\": []}");
        assertEquals("20261129T0400Z-host-ab12", manifest.run());
        assertEquals(0, manifest.files().size());
    }

    @Test
    void aNullRunIsNoRun() throws Exception {
        StoredManifest manifest = StoredManifest.parse("{\"format\": \"oss-agent-manifest/1\", \"run\": null,"
                + " \"files\": []}");
        assertNull(manifest.run());
        assertEquals("", StoredPointer.parse("{\"format\": \"oss-agent-latest/1\", \"run\": null, \"bucket\": \"b\","
                + " \"manifest\": \"m\"}").run());
    }

    @Test
    void aBadEntryIsKeptWithItsReasonAndTheOthersStayUsable() throws Exception {
        String sha = "\"" + "0".repeat(64) + "\"";
        StoredManifest manifest = StoredManifest.parse("{\"format\": \"oss-agent-manifest/1\", \"files\": ["
                + "{\"bucket\": \"b\", \"key\": \"k1\", \"size\": 1, \"crc64\": \"12\", \"sha256\": " + sha + "},"
                + "{\"bucket\": \"b\", \"key\": \"k2\", \"size\": 1, \"crc64\": 12, \"sha256\": " + sha + "},"
                + "{\"bucket\": \"b\", \"key\": \"k3\", \"size\": \"x\", \"crc64\": \"1\", \"sha256\": " + sha + "},"
                + "{\"bucket\": \"b\", \"key\": \"k4\", \"size\": 1, \"crc64\": \"-1\", \"sha256\": " + sha + "},"
                + "{\"bucket\": \"b\", \"size\": 1, \"crc64\": \"1\", \"sha256\": " + sha + "},"
                + "{\"bucket\": \"b\", \"key\": \"k6\", \"size\": 1, \"crc64\": \"1\", \"sha256\": \"abc\"},"
                + "7]}");
        List<StoredManifest.Entry> files = manifest.files();
        assertNull(files.get(0).problem);
        assertEquals(12, files.get(0).crc64);
        assertEquals("its \"size\" is not a number of bytes", files.get(2).problem);
        assertEquals("its \"crc64\" is not an unsigned 64-bit decimal", files.get(3).problem);
        assertEquals("it names no bucket or no key", files.get(4).problem);
        assertEquals("its \"sha256\" is not 64 hex digits", files.get(5).problem);
        assertEquals("the entry is not a JSON object", files.get(6).problem);
    }

    @Test
    void whatIsNotAManifestSaysWhyWithoutQuotingIt() {
        assertEquals("not a JSON object", assertThrows(UnreadableJson.class,
                () -> StoredManifest.parse("secret-ish garbage {")).getMessage());
        assertEquals("no \"format\": \"oss-agent-manifest/...\"", assertThrows(UnreadableJson.class,
                () -> StoredManifest.parse("{\"files\": []}")).getMessage());
        assertEquals("no \"files\" list", assertThrows(UnreadableJson.class,
                () -> StoredManifest.parse("{\"format\": \"oss-agent-manifest/1\"}")).getMessage());
    }

    @Test
    void aManifestNestedTooDeeplyIsUnreadableNotACrash() {
        String deep = "{\"a\": [".repeat(200_000);
        // jettison bounds the depth it recurses to, so a planted manifest cannot overflow the stack
        assertEquals("not a JSON object", assertThrows(UnreadableJson.class, () -> StoredManifest.parse(deep))
                .getMessage());
    }

    @Test
    void latestPointer() throws Exception {
        StoredPointer pointer = StoredPointer.parse("{\"format\": \"oss-agent-latest/1\", \"run\": \"r7\", \"bucket\":"
                + " \"b\", \"prefix\": \"models/r7/\", \"manifest\": \"models/r7/oss-agent-manifest.json\","
                + " \"started\": \"2026-11-29T04:00:00Z\", \"finished\": \"2026-11-29T04:01:00Z\"}");
        assertEquals("r7", pointer.run());
        assertEquals("b", pointer.bucket());
        assertEquals("models/r7/oss-agent-manifest.json", pointer.manifest());
        assertEquals("no \"format\": \"oss-agent-latest/1\"", assertThrows(UnreadableJson.class,
                () -> StoredPointer.parse("{\"format\": \"oss-agent-latest/2\", \"bucket\": \"b\", \"manifest\": \"m\"}"))
                .getMessage());
        assertEquals("no \"bucket\" or no \"manifest\"", assertThrows(UnreadableJson.class,
                () -> StoredPointer.parse("{\"format\": \"oss-agent-latest/1\", \"bucket\": \"b\"}")).getMessage());
    }
}
