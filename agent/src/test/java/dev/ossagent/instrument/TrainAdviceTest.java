package dev.ossagent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.instrument.fixture.SampleTrainer;
import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The advice woven in-process: the trainer class is loaded by a loader whose parent is the
 * platform loader, so it cannot see the agent's classes, exactly the hard case.
 */
class TrainAdviceTest {
    private static final String TRAINER = SampleTrainer.class.getName();
    private static Instrumentation instrumentation;
    private static TrainTransformer transformer;
    private static final List<Object> returned = new CopyOnWriteArrayList<>();
    private static final ModelReturnListener RECORDING = (value, trainerClass, method) -> {
        assertEquals(TRAINER, trainerClass);
        assertEquals("train", method);
        returned.add(value);
    };

    @BeforeAll
    static void install() {
        instrumentation = ByteBuddyAgent.install();
        transformer = new TrainTransformer(List.of(TRAINER), "train");
        instrumentation.addTransformer(transformer);
        TrainBridge.setListener(RECORDING);
    }

    @AfterAll
    static void uninstall() {
        instrumentation.removeTransformer(transformer);
        TrainBridge.setListener(null);
    }

    @BeforeEach
    void clear() {
        returned.clear();
    }

    private static Object isolatedTrainer() throws Exception {
        URL classes = SampleTrainer.class.getProtectionDomain().getCodeSource().getLocation();
        URLClassLoader loader = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader());
        Class<?> type = loader.loadClass(TRAINER);
        assertSame(loader, type.getClassLoader());
        return type.getConstructor().newInstance();
    }

    private static Object call(Object trainer, Class<?> parameter, Object argument) throws Throwable {
        Method method = trainer.getClass().getMethod("train", parameter);
        try {
            return method.invoke(trainer, argument);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void aReturnedPathReachesTheListenerAndTheCallerGetsTheSameValue() throws Throwable {
        Object result = call(isolatedTrainer(), String.class, "/data/model.pt");
        assertEquals("/data/model.pt", result);
        assertEquals(List.of("/data/model.pt"), returned);
    }

    @Test
    void nullReturnsHandNothingOver() throws Throwable {
        assertNull(call(isolatedTrainer(), String.class, null));
        assertTrue(returned.isEmpty());
    }

    @Test
    void aRecursiveTrainHandsOverOnceForTheOutermostCall() throws Throwable {
        Object result = call(isolatedTrainer(), int.class, 5);
        assertEquals(Paths.get("/tmp/model-depth-0"), result);
        assertEquals(1, returned.size());
        assertInstanceOf(Path.class, returned.get(0));
    }

    @Test
    void anExceptionReachesTheCallerUnchangedAndNothingIsHandedOver() throws Throwable {
        Object trainer = isolatedTrainer();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> call(trainer, boolean.class, true));
        assertEquals("boom from train", e.getMessage());
        assertTrue(returned.isEmpty());
        // The depth counter was reset by the throwing call: the next call hands over again.
        assertEquals(new File("/tmp/model.bin"), call(trainer, boolean.class, false));
        assertEquals(List.of(new File("/tmp/model.bin")), returned);
    }

    @Test
    void anyObjectIsHandedOverForTheUploadSideToJudge() throws Throwable {
        call(isolatedTrainer(), Object.class, 42);
        assertEquals(List.of(42), returned);
    }

    @Test
    void aListenerThatThrowsNeverReachesTheTrainer() throws Throwable {
        TrainBridge.setListener((value, trainerClass, method) -> {
            throw new Error("agent bug");
        });
        try {
            assertEquals("/m", call(isolatedTrainer(), String.class, "/m"));
        } finally {
            TrainBridge.setListener(RECORDING);
        }
    }

    @Test
    void voidAndPrimitiveOverloadsAreLeftAlone() throws Throwable {
        Object trainer = isolatedTrainer();
        trainer.getClass().getMethod("train").invoke(trainer);
        assertEquals(7, call(trainer, long.class, 1L));
        assertTrue(returned.isEmpty());
    }
}
