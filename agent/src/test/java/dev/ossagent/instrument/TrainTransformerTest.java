package dev.ossagent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.instrument.fixture.SampleTrainer;
import dev.ossagent.log.LogCapture;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TrainTransformerTest {
    private static final String TRAINER = SampleTrainer.class.getName();
    private static final String INTERNAL = TRAINER.replace('.', '/');

    private static byte[] trainerBytes() throws Exception {
        try (InputStream in = SampleTrainer.class.getResourceAsStream("SampleTrainer.class")) {
            return in.readAllBytes();
        }
    }

    private byte[] load(TrainTransformer transformer, String internalName) throws Exception {
        return transformer.transform(getClass().getClassLoader(), internalName, null, null, trainerBytes());
    }

    @Test
    void otherClassesPassUntouchedAndAskNothing() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        TrainTransformer transformer = new TrainTransformer(List.of(TRAINER), "train");
        transformer.onFirstTarget(() -> asked.incrementAndGet() > 0);
        assertNull(load(transformer, "com/example/Other"));
        assertEquals(0, asked.get());
        assertEquals(Set.of(TRAINER), transformer.notSeen());
    }

    @Test
    void theFirstTargetPreparesOnceThenIsWoven() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        TrainTransformer transformer = new TrainTransformer(List.of(TRAINER), "train");
        transformer.onFirstTarget(() -> asked.incrementAndGet() > 0);
        assertNotNull(load(transformer, INTERNAL));
        assertNotNull(load(transformer, INTERNAL));
        assertEquals(1, asked.get());
        assertTrue(transformer.notSeen().isEmpty());
    }

    @Test
    void preparationThatFailsLeavesEveryTargetUnwoven() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        TrainTransformer transformer = new TrainTransformer(List.of(TRAINER), "train");
        transformer.onFirstTarget(() -> asked.incrementAndGet() < 0);
        assertNull(load(transformer, INTERNAL));
        assertNull(load(transformer, INTERNAL));
        assertEquals(1, asked.get());
    }

    @Test
    void preparationThatThrowsIsOneLineAndNothingIsWoven() throws Exception {
        try (LogCapture log = new LogCapture()) {
            TrainTransformer transformer = new TrainTransformer(List.of(TRAINER), "train");
            transformer.onFirstTarget(() -> {
                throw new IllegalStateException("broken on purpose");
            });
            assertNull(load(transformer, INTERNAL));
            String text = log.text();
            assertEquals(1, text.lines().count(), text);
            assertTrue(text.contains("could not prepare the upload: java.lang.IllegalStateException: broken on purpose"),
                    text);
        }
    }

    @Test
    void theWarmUpWeavesAClassOfTheAgentsOwnAndSaysNothing() throws Exception {
        try (LogCapture log = new LogCapture()) {
            byte[] woven = TrainWeaver.warmUp();
            assertTrue(woven.length > 0);
            assertEquals("", log.text());
        }
    }
}
