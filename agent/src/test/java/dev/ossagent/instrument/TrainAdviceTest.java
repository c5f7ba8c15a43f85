package dev.ossagent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.instrument.fixture.SampleTrainer;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
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
    /** Generated below with bytecode javac never writes. */
    private static final String STACK_TRAINER = "dev.ossagent.instrument.fixture.StackTrainer";
    private static Instrumentation instrumentation;
    private static TrainTransformer transformer;
    private static final List<TrainCall> calls = new CopyOnWriteArrayList<>();
    /** The non-null values the calls returned, in order. */
    private static final List<Object> returned = new CopyOnWriteArrayList<>();
    /** Calls made inside another woven call: the upload side judges them by what encloses them. */
    private static final List<TrainCall> nested = new CopyOnWriteArrayList<>();
    private static final TrainListener RECORDING = call -> {
        assertTrue(call.trainerClass().equals(TRAINER) || call.trainerClass().equals(STACK_TRAINER), call.trainerClass());
        assertEquals("train", call.method());
        if (!call.enclosing().isEmpty()) {
            nested.add(call);
            return;
        }
        calls.add(call);
        if (call.thrown() == null && call.returned() != null) {
            returned.add(call.returned());
        }
    };

    @BeforeAll
    static void install() {
        instrumentation = ByteBuddyAgent.install();
        transformer = new TrainTransformer(List.of(TRAINER, STACK_TRAINER), "train");
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
        calls.clear();
        nested.clear();
        returned.clear();
    }

    private static Object isolatedTrainer() throws Exception {
        URL classes = SampleTrainer.class.getProtectionDomain().getCodeSource().getLocation();
        URLClassLoader loader = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader());
        Class<?> type = loader.loadClass(TRAINER);
        assertSame(loader, type.getClassLoader());
        return type.getConstructor().newInstance();
    }

    /** The same class as the agent never saw it, for comparisons. */
    private static Object plainTrainer() throws Exception {
        instrumentation.removeTransformer(transformer);
        try {
            return isolatedTrainer();
        } finally {
            instrumentation.addTransformer(transformer);
        }
    }

    private static Object call(Object trainer, String name, Class<?>[] parameters, Object... arguments) throws Throwable {
        Method method = trainer.getClass().getMethod(name, parameters);
        try {
            return method.invoke(trainer, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
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
    void aReturnedPathReachesTheListenerWithTheMethodAndArgumentsAndTheCallerGetsTheSameValue() throws Throwable {
        Object result = call(isolatedTrainer(), String.class, "/data/model.pt");
        assertEquals("/data/model.pt", result);
        assertEquals(List.of("/data/model.pt"), returned);
        TrainCall only = calls.get(0);
        assertEquals(TRAINER + "#train", only.trainer());
        assertEquals("(Ljava/lang/String;)Ljava/lang/String;", only.descriptor());
        assertEquals(List.of("/data/model.pt"), Arrays.asList(only.arguments()));
        assertNull(only.thrown());
    }

    @Test
    void aNullReturnReachesTheListenerAsNull() throws Throwable {
        assertNull(call(isolatedTrainer(), String.class, null));
        assertEquals(1, calls.size());
        assertNull(calls.get(0).returned());
        assertNull(calls.get(0).thrown());
    }

    @Test
    void aRecursiveTrainHandsOverOnceForTheOutermostCall() throws Throwable {
        Object result = call(isolatedTrainer(), int.class, 5);
        assertEquals(Paths.get("/tmp/model-depth-0"), result);
        assertEquals(1, calls.size());
        assertEquals(List.of(5), Arrays.asList(calls.get(0).arguments()));
        assertEquals(1, returned.size());
        assertInstanceOf(Path.class, returned.get(0));
        // The inner calls come with the train calls that enclose them (the same method: part of the outermost).
        assertEquals(5, nested.size());
        assertEquals(List.of(1, 2, 3, 4, 5), nested.get(0).enclosing().stream()
                .map(outer -> outer.arguments()[0]).collect(java.util.stream.Collectors.toList()));
        assertTrue(nested.stream().allMatch(call -> call.enclosing().stream()
                .allMatch(outer -> outer.method().equals("train"))));
    }

    @Test
    void anExceptionReachesTheCallerUnchangedAndTheListenerGetsTheSameObject() throws Throwable {
        Object trainer = isolatedTrainer();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> call(trainer, boolean.class, true));
        assertEquals("boom from train", e.getMessage());
        assertEquals(1, calls.size());
        assertSame(e, calls.get(0).thrown());
        assertNull(calls.get(0).returned());
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
        TrainBridge.setListener(call -> {
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
        assertTrue(calls.isEmpty());
    }

    @Test
    void wideParametersStaticMethodsAndArraysAreHandled() throws Throwable {
        Object result = call(isolatedTrainer(), "train", new Class<?>[] {long.class, double.class, String[].class},
                3L, 0.5, new String[] {"m"});
        assertEquals(List.of("m30.5"), Arrays.asList((String[]) result));
        assertEquals(List.of(3L, 0.5), Arrays.asList(calls.get(0).arguments()).subList(0, 2));
        assertEquals(1, returned.size());
        assertSame(result, returned.get(0));
    }

    @Test
    void returnsFromTryAndCatchAndRethrowsKeepTheirMeaningAndFinallyRunsEachTime() throws Throwable {
        Object trainer = isolatedTrainer();
        Class<?>[] types = {Path.class, boolean.class};
        assertEquals(Paths.get("/m"), call(trainer, "train", types, Paths.get("/m"), false));
        assertEquals(Paths.get("/swallowed"), call(trainer, "train", types, null, true));
        IOException e = assertThrows(IOException.class, () -> call(trainer, "train", types, null, false));
        assertEquals("no path", e.getMessage());
        assertEquals(3, call(trainer, "finallyRuns", new Class<?>[0]));
        assertEquals(List.of(Paths.get("/m"), Paths.get("/swallowed")), returned);
    }

    @Test
    void aLoopHeaderAtTheFirstInstructionIsKept() throws Throwable {
        assertEquals(URI.create("file:/tmp/d"), call(isolatedTrainer(), char.class, 'a'));
        assertEquals(List.of(URI.create("file:/tmp/d")), returned);
    }

    @Test
    void synchronizedMethodsAndBlocksReleaseTheirMonitors() throws Throwable {
        Object trainer = isolatedTrainer();
        assertEquals("x", call(trainer, StringBuilder.class, new StringBuilder("x")));
        assertEquals("empty", call(trainer, StringBuilder.class, new StringBuilder()));
        assertTrue(!Thread.holdsLock(trainer));
        Thread other = new Thread(() -> {
            synchronized (trainer) {
                returned.add("other thread got the monitor");
            }
        });
        other.start();
        other.join();
        assertEquals(List.of("x", "empty", "other thread got the monitor"), returned);
    }

    @Test
    void aStackTraceThroughTrainIsTheSameAsWithoutTheAgent() throws Throwable {
        Object woven = isolatedTrainer();
        Object plain = plainTrainer();
        IllegalStateException fromWoven = assertThrows(IllegalStateException.class, () -> call(woven, boolean.class, true));
        IllegalStateException fromPlain = assertThrows(IllegalStateException.class, () -> call(plain, boolean.class, true));
        // Up to this test's own call(...): the frames below differ only by the two lambdas above.
        assertEquals(upToCall(fromPlain), upToCall(fromWoven));
        assertEquals(fromPlain.getMessage(), fromWoven.getMessage());
    }

    @Test
    void noFieldOrMethodIsAdded() throws Exception {
        Class<?> woven = isolatedTrainer().getClass();
        Class<?> plain = plainTrainer().getClass();
        assertEquals(names(plain.getDeclaredMethods()), names(woven.getDeclaredMethods()));
        assertEquals(names(plain.getDeclaredFields()), names(woven.getDeclaredFields()));
    }

    private static List<StackTraceElement> upToCall(Throwable thrown) {
        List<StackTraceElement> frames = Arrays.asList(thrown.getStackTrace());
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).getClassName().equals(TrainAdviceTest.class.getName())) {
                return frames.subList(0, i + 1);
            }
        }
        throw new AssertionError("no frame of the test in " + frames);
    }

    private static List<String> names(Object[] members) {
        return Arrays.stream(members).map(Object::toString).sorted().toList();
    }

    @Test
    void valuesLeftOnTheStackBelowTheReturnedOneArePopped() throws Throwable {
        Class<?> type = new ClassLoader(ClassLoader.getPlatformClassLoader()) {
            Class<?> define() {
                byte[] bytes = stackTrainer();
                return defineClass(STACK_TRAINER, bytes, 0, bytes.length);
            }
        }.define();
        Method train = type.getMethod("train");
        assertEquals("model", train.invoke(null));
        assertEquals(List.of("model"), returned);
    }

    /** {@code static Object train()} that returns with an int, a long and a String left below the value. */
    private static byte[] stackTrainer() {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, STACK_TRAINER.replace('.', '/'), null, "java/lang/Object", null);
        MethodVisitor mv = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "train", "()Ljava/lang/Object;", null, null);
        mv.visitCode();
        mv.visitInsn(Opcodes.ICONST_1);
        mv.visitInsn(Opcodes.LCONST_1);
        mv.visitLdcInsn("below");
        mv.visitLdcInsn("model");
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }
}
