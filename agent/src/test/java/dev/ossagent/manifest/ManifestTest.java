package dev.ossagent.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.journal.PlanRecord;
import dev.ossagent.journal.UploadedFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestTest {
    private static final PlanRecord PLAN = new PlanRecord("id", "com.example.Trainer#train", "/runs/\"7\"\\a.pt",
            "https://oss-cn-beijing.aliyuncs.com", "b", "models/" + Manifest.FILE_NAME, 1_700_000_000_000L, 42, "17.0.15",
            null);

    @Test
    void theFixedShapeWithEveryFile() {
        String json = Manifest.json(PLAN, "trainer-7", List.of(
                new UploadedFile("/runs/a.pt", "b", "models/a.pt", 10, "18446744073709551615", "ab".repeat(32), 1.25, false),
                new UploadedFile("/runs/d.json", "d", "training-data/d.json", 0, "0", "cd".repeat(32), 0, true)),
                1_700_000_060_000L);

        assertTrue(json.contains("\"trainer\": \"com.example.Trainer#train\""), json);
        assertTrue(json.contains("\"modelPath\": \"/runs/\\\"7\\\"\\\\a.pt\""), json);
        assertTrue(json.contains("\"host\": \"trainer-7\""), json);
        assertTrue(json.contains("\"java\": \"17.0.15\""), json);
        assertTrue(json.contains("\"started\": \"2023-11-14T22:13:20Z\""), json);
        assertTrue(json.contains("\"finished\": \"2023-11-14T22:14:20Z\""), json);
        assertTrue(json.contains("{\"bucket\": \"b\", \"key\": \"models/a.pt\", \"size\": 10, \"crc64\": "
                + "\"18446744073709551615\", \"sha256\": \"" + "ab".repeat(32) + "\", \"seconds\": 1.250, \"unchanged\": false}"),
                json);
        assertTrue(json.contains("\"key\": \"training-data/d.json\", \"size\": 0"), json);
        assertEquals(json.chars().filter(c -> c == '{').count(), json.chars().filter(c -> c == '}').count());
        assertTrue(json.endsWith("  ]\n}\n"), json);
    }

    @Test
    void controlCharactersAndSeparatorsAreEscaped() {
        assertEquals("\"a\\u0001b\\u2028c\\td\"", JsonText.quote("a\u0001b\u2028c\td"));
        assertEquals("\"模型/权重.pt\"", JsonText.quote("模型/权重.pt"));
    }
}
