package dev.ossagent.trigger;

import dev.ossagent.journal.JournalEntry;
import dev.ossagent.journal.JournaledPlan;
import dev.ossagent.journal.PlanRecord;
import dev.ossagent.log.LogCapture;
import dev.ossagent.transfer.UploadProgress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checkpoints that come faster than they upload: per path one in flight, the newest waiting, in order. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UploadQueueTest {
    private static final Path MODEL = Path.of("/work/ckpt/model.bin");
    private static final Path OTHER = Path.of("/work/ckpt/other.bin");

    /** Uploads by recording the plan's trainer name, the first one held until released. */
    private static final class HeldUploader implements UploadQueue.Uploader {
        final List<String> uploaded = Collections.synchronizedList(new ArrayList<String>());
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void upload(JournaledPlan plan, UploadProgress progress) {
            firstStarted.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            uploaded.add(plan.record().trainer());
        }

        @Override
        public String leftoverAdvice() {
            return "";
        }

        @Override
        public String resumeCommand() {
            return null;
        }
    }

    private static UploadQueue.PlanSource save(final Path path, final String name, final List<String> planned) {
        return () -> {
            planned.add(name);
            PlanRecord record = PlanRecord.now(name, path.toString(), "http://127.0.0.1:1", "bucket", "models/manifest");
            return JournaledPlan.inMemory(record, List.of(new JournalEntry(1, path, "bucket", "models/x", 1)));
        };
    }

    @Test
    void thirtyQuickSavesUploadTheFirstAndTheNewestOnly() throws Exception {
        try (LogCapture log = new LogCapture()) {
            HeldUploader uploader = new HeldUploader();
            UploadQueue queue = new UploadQueue(uploader);
            List<String> planned = Collections.synchronizedList(new ArrayList<String>());
            queue.submitLater(MODEL, save(MODEL, "save 1", planned));
            assertTrue(uploader.firstStarted.await(30, TimeUnit.SECONDS));
            for (int i = 2; i <= 30; i++) {
                queue.submitLater(MODEL, save(MODEL, "save " + i, planned));
            }
            assertFalse(queue.isIdle());
            uploader.release.countDown();
            assertTrue(queue.awaitIdle(30_000));
            assertEquals(List.of("save 1", "save 30"), uploader.uploaded);
            assertEquals(List.of("save 1", "save 30"), planned, "replaced saves are never planned nor journaled");
            assertEquals(1, log.text().split("come faster than they upload", -1).length - 1, log.text());
        }
    }

    @Test
    void eachPathKeepsItsOwnOrderAndItsOwnNewest() throws Exception {
        HeldUploader uploader = new HeldUploader();
        UploadQueue queue = new UploadQueue(uploader);
        List<String> planned = Collections.synchronizedList(new ArrayList<String>());
        queue.submitLater(MODEL, save(MODEL, "model 1", planned));
        assertTrue(uploader.firstStarted.await(30, TimeUnit.SECONDS));
        queue.submitLater(OTHER, save(OTHER, "other 1", planned));
        queue.submitLater(MODEL, save(MODEL, "model 2", planned));
        queue.submitLater(OTHER, save(OTHER, "other 2", planned));
        queue.submitLater(MODEL, save(MODEL, "model 3", planned));
        uploader.release.countDown();
        assertTrue(queue.awaitIdle(30_000));
        List<String> models = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (String name : uploader.uploaded) {
            (name.startsWith("model") ? models : others).add(name);
        }
        assertEquals(List.of("model 1", "model 3"), models);
        assertEquals(List.of("other 1", "other 2"), others, "other 1 was in flight (planned) when other 2 came");
    }

    @Test
    void aSaveAfterTheLastUploadFinishedIsUploadedAgain() throws Exception {
        HeldUploader uploader = new HeldUploader();
        uploader.release.countDown();
        UploadQueue queue = new UploadQueue(uploader);
        List<String> planned = Collections.synchronizedList(new ArrayList<String>());
        for (int i = 1; i <= 3; i++) {
            queue.submitLater(MODEL, save(MODEL, "save " + i, planned));
            assertTrue(queue.awaitIdle(30_000));
        }
        assertEquals(List.of("save 1", "save 2", "save 3"), uploader.uploaded);
    }

    @Test
    void aPlanThatFindsNothingToUploadLetsTheNextOneGo() throws Exception {
        HeldUploader uploader = new HeldUploader();
        uploader.release.countDown();
        UploadQueue queue = new UploadQueue(uploader);
        List<String> planned = Collections.synchronizedList(new ArrayList<String>());
        queue.submitLater(MODEL, () -> null);
        queue.submitLater(MODEL, () -> {
            throw new IllegalStateException("planning failed");
        });
        queue.submitLater(MODEL, save(MODEL, "after", planned));
        assertTrue(queue.awaitIdle(30_000));
        assertTrue(queue.isIdle());
        assertEquals(List.of("after"), uploader.uploaded);
    }
}
