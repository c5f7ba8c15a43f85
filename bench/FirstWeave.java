package dev.ossagent.instrument;

import dev.ossagent.shaded.net.bytebuddy.ByteBuddy;
import dev.ossagent.shaded.net.bytebuddy.ClassFileVersion;
import dev.ossagent.shaded.net.bytebuddy.asm.Advice;
import dev.ossagent.shaded.net.bytebuddy.asm.AsmVisitorWrapper;
import dev.ossagent.shaded.net.bytebuddy.description.method.MethodDescription;
import dev.ossagent.shaded.net.bytebuddy.description.type.TypeDescription;
import dev.ossagent.shaded.net.bytebuddy.dynamic.ClassFileLocator;
import dev.ossagent.shaded.net.bytebuddy.dynamic.scaffold.MethodGraph;
import dev.ossagent.shaded.net.bytebuddy.dynamic.scaffold.TypeInitializer;
import dev.ossagent.shaded.net.bytebuddy.dynamic.scaffold.TypeValidation;
import dev.ossagent.shaded.net.bytebuddy.implementation.Implementation;
import dev.ossagent.shaded.net.bytebuddy.implementation.auxiliary.AuxiliaryType;
import dev.ossagent.shaded.net.bytebuddy.jar.asm.ClassReader;
import dev.ossagent.shaded.net.bytebuddy.jar.asm.ClassWriter;
import dev.ossagent.shaded.net.bytebuddy.matcher.ElementMatchers;
import dev.ossagent.shaded.net.bytebuddy.pool.TypePool;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Where Byte Buddy's first weave of the demo trainer spends its time, by phase: CPU time of this thread
 * in ms and classes loaded, then the same for a second class (warm). The knobs, comma-separated in the
 * argument: decorate (else redefine), novalidation, declared (method graph), lazyfast (type pool),
 * advicepool (advice described from its class file), direct (Advice applied to Byte Buddy's ASM without
 * the ByteBuddy builder). Compiled and run by bench/first-weave.sh against the shaded agent jar, in the
 * agent's package so it can use TrainAdvice as the agent does.
 */
public final class FirstWeave {
    private static long cpu;
    private static int classes;
    private static final StringBuilder phases = new StringBuilder();

    public static void main(String[] args) throws Exception {
        List<String> knobs = List.of(args[0].split(","));
        String[] targets = {"dev.ossagent.demo.DemoTrainer", "dev.ossagent.demo.RecursiveTrainer"};
        byte[][] classFiles = new byte[targets.length][];
        for (int i = 0; i < targets.length; i++) {
            classFiles[i] = ClassLoader.getSystemResourceAsStream(targets[i].replace('.', '/') + ".class").readAllBytes();
        }
        lap(null);
        lap(null); // the management beans' own classes are loaded by now
        long cpu0 = cpu;
        int classes0 = classes;
        for (int round = 0; round < 2; round++) {
            String name = targets[round];
            byte[] bytes = classFiles[round];
            ByteBuddy byteBuddy = null;
            if (!knobs.contains("direct")) {
                byteBuddy = new ByteBuddy();
                if (knobs.contains("novalidation")) {
                    byteBuddy = byteBuddy.with(TypeValidation.DISABLED);
                }
                if (knobs.contains("declared")) {
                    byteBuddy = byteBuddy.with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE);
                }
            }
            lap("bytebuddy");
            Advice advice;
            if (knobs.contains("advicepool")) {
                ClassFileLocator agent = ClassFileLocator.ForClassLoader.of(FirstWeave.class.getClassLoader());
                advice = Advice.to(pool(agent, true).describe(TrainAdvice.class.getName()).resolve(), agent);
            } else {
                advice = Advice.to(TrainAdvice.class);
            }
            lap("advice");
            ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, bytes),
                    ClassFileLocator.ForClassLoader.of(ClassLoader.getSystemClassLoader()));
            TypePool pool = pool(locator, knobs.contains("lazyfast"));
            TypeDescription type = pool.describe(name).resolve();
            List<MethodDescription.InDefinedShape> methods = type.getDeclaredMethods().filter(ElementMatchers.named("train"));
            lap("describe");
            if (knobs.contains("direct")) {
                direct(advice.on(ElementMatchers.anyOf(methods)), type, pool, bytes);
            } else {
                (knobs.contains("decorate") ? byteBuddy.decorate(type, locator) : byteBuddy.redefine(type, locator))
                        .visit(advice.on(ElementMatchers.anyOf(methods))).make().getBytes();
            }
            lap("weave");
            if (round == 0) {
                System.out.printf("%-50s first weave: cpu %4d ms, %4d classes | ", args[0], (cpu - cpu0) / 1_000_000,
                        classes - classes0);
            }
        }
        System.out.println(phases);
    }

    private static TypePool pool(ClassFileLocator locator, boolean lazyFast) {
        return lazyFast
                ? new TypePool.Default.WithLazyResolution(new TypePool.CacheProvider.Simple(), locator,
                        TypePool.Default.ReaderMode.FAST)
                : TypePool.Default.of(locator);
    }

    private static byte[] direct(AsmVisitorWrapper wrapper, TypeDescription type, TypePool pool, byte[] bytes) {
        ClassFileVersion version = ClassFileVersion.ofClassFile(bytes);
        int readerFlags = wrapper.mergeReader(0);
        int writerFlags = wrapper.mergeWriter(0);
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, writerFlags);
        Implementation.Context.ExtractableView context = Implementation.Context.Disabled.Factory.INSTANCE.make(type,
                new AuxiliaryType.NamingStrategy.Suffixing("auxiliary"), TypeInitializer.None.INSTANCE, version, version);
        reader.accept(wrapper.wrap(type, writer, context, pool, type.getDeclaredFields(), type.getDeclaredMethods(),
                writerFlags, readerFlags), readerFlags);
        return writer.toByteArray();
    }

    private static void lap(String phase) {
        long nowCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        int nowClasses = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        if (phase != null) {
            phases.append(String.format("%s %d ms %d classes; ", phase, (nowCpu - cpu) / 1_000_000, nowClasses - classes));
        }
        cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
    }
}
