package dev.ossagent.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.journal.PlanRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run id and rank in the manifest, and the LATEST pointer's fixed shape. */
class RunFieldsTest {
    private static final PlanRecord PLAN = new PlanRecord("id", "com.example.Trainer#train", "/runs/a.pt",
            "https://oss-cn-beijing.aliyuncs.com", "models-bucket", "models/r-1/" + Manifest.FILE_NAME,
            1_700_000_000_000L, 42, "17.0.15", null).withRun("r-1", 3, "models/LATEST.json");

    @Test
    void theManifestNamesTheRunAndRankRightAfterTheTrainer() {
        String json = Manifest.json(PLAN, "host", List.of(), 1_700_000_060_000L);
        assertTrue(json.contains("\"trainer\": \"com.example.Trainer#train\",\n  \"run\": \"r-1\",\n  \"rank\": 3,\n"),
                json);
        String old = Manifest.json(PLAN.withRun(null, 0, null), "host", List.of(), 1_700_000_060_000L);
        assertTrue(old.contains("\"run\": null,\n  \"rank\": 0,"), "a plan journaled before runs had ids: " + old);
    }

    @Test
    void thePointerHasExactlyTheAgreedShape() {
        assertEquals("{\"format\": \"oss-agent-latest/1\", \"run\": \"r-1\", \"bucket\": \"models-bucket\", \"prefix\": "
                + "\"models/r-1/\", \"manifest\": \"models/r-1/oss-agent-manifest.json\", \"started\": "
                + "\"2023-11-14T22:13:20Z\", \"finished\": \"2023-11-14T22:14:20Z\"}\n",
                LatestPointer.json(PLAN, 1_700_000_060_000L));
    }

    @Test
    void aPointerIsReplacedOnlyByARunMadeAtTheSameTimeOrLater() {
        Long theirs = LatestPointer.started(LatestPointer.json(PLAN, 1_700_000_060_000L));
        assertEquals(1_700_000_000_000L, theirs);
        assertTrue(LatestPointer.mayReplace(1_700_000_000_000L, theirs));
        assertTrue(LatestPointer.mayReplace(1_700_000_000_001L, theirs));
        assertFalse(LatestPointer.mayReplace(1_699_999_999_999L, theirs));
        assertNull(LatestPointer.started("not json"));
        assertTrue(LatestPointer.mayReplace(1L, null), "an unreadable pointer is replaced");
    }
}
