package dev.ossagent.instrument;

import dev.ossagent.config.TargetRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;

/**
 * Weaves {@link TrainAdvice} into the target methods of one class file with Byte Buddy. Loaded only
 * when a target class loads (or by {@link WeaveWarmUp}); its first use loads Byte Buddy. The class is
 * decorated, not redefined: only the methods' code changes, no member is added, and Byte Buddy needs
 * no description of the class's hierarchy, so it loads and reads no other class.
 */
final class TrainWeaver {
    private TrainWeaver() {
    }

    /**
     * The advice, resolved once: reading it and its annotations is the dearest part of a first weave. A
     * holder of its own, apart from {@link Configured}, so the warm-up thread can resolve the advice while
     * the trainer's thread, arriving early, loads what the other half needs instead of waiting.
     */
    private static final class Resolved {
        static final Advice ADVICE = Advice.to(TrainAdvice.class);
    }

    /** Byte Buddy with nothing checked or computed that decorating a class's own methods does not need. */
    private static final class Configured {
        static final ByteBuddy BYTE_BUDDY = new ByteBuddy()
                .with(TypeValidation.DISABLED)
                .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE);
    }

    /**
     * Weaves each method the class declares with a body and a name the rules watch, where its path rule finds a
     * path; an inherited method was woven in the class that declares it. Logs nothing and registers nothing:
     * {@link WovenClass#apply} does.
     *
     * @param rules the rules that watch this class, by its name or by a supertype
     * @param named true when a rule names this class itself: then a class with no such method is a warning
     */
    static WovenClass weave(ClassLoader loader, String className, byte[] classFile, List<TargetRule> rules,
                            boolean named) {
        List<WovenClass.Line> lines = new ArrayList<>();
        List<WovenClass.Method> woven = new ArrayList<>();
        if (ClassFileVersion.ofClassFile(classFile).isLessThan(ClassFileVersion.JAVA_V5)) {
            lines.add(new WovenClass.Line(true, className + " is compiled for Java 1.4 or older; it is not instrumented"));
            return new WovenClass(null, woven, lines, null);
        }
        ClassFileLocator locator = locator(loader, className, classFile);
        TypeDescription type = typePool(locator).describe(className).resolve();
        List<MethodDescription> targets = new ArrayList<>();
        Set<String> wovenNames = new LinkedHashSet<>();
        List<String> skipped = new ArrayList<>();
        boolean declared = false;
        for (MethodDescription candidate : type.getDeclaredMethods().filter(ElementMatchers.isMethod())) {
            int rule = ruleFor(rules, candidate.getName());
            if (rule < 0) {
                continue;
            }
            declared = true;
            if (candidate.isAbstract() || candidate.isNative() || candidate.isBridge()) {
                continue; // no body here; the classes that implement it are woven
            }
            List<String> parameters = new ArrayList<>();
            for (TypeDescription parameter : candidate.getParameters().asTypeList().asErasures()) {
                parameters.add(parameter.getName());
            }
            String returnType = candidate.getReturnType().asErasure().getName();
            PathRule pathRule = PathRule.decide(rules.get(rule).path(), returnType, parameters);
            if (pathRule.skipReason() != null) {
                skipped.add(className + "#" + candidate.getName() + "(" + String.join(", ", parameters) + ") "
                        + pathRule.skipReason());
                continue;
            }
            woven.add(new WovenClass.Method(candidate.getName(), candidate.getDescriptor(), returnType, parameters, rule));
            targets.add(candidate);
            wovenNames.add(candidate.getName());
        }
        if (targets.isEmpty()) {
            if (!declared && named) {
                lines.add(new WovenClass.Line(true, className + " declares no " + String.join("/", methodNames(rules))
                        + "(...) method; nothing to instrument. Check ossagent.target.method"));
            }
            for (String line : skipped) {
                lines.add(new WovenClass.Line(true, line + "; it is not watched. Return the model path from it or pass"
                        + " it in, or set ossagent.target.path"));
            }
            return new WovenClass(null, woven, lines, null);
        }
        for (String line : skipped) {
            lines.add(new WovenClass.Line(false, line + "; not watched"));
        }
        return new WovenClass(weave(type, locator, targets), woven, lines, className + "#" + String.join(",", wovenNames)
                + " (" + targets.size() + " method" + (targets.size() == 1 ? "" : "s") + ")");
    }

    /** The index of the first rule that watches a method of this name, or -1. */
    private static int ruleFor(List<TargetRule> rules, String method) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).methods().contains(method)) {
                return i;
            }
        }
        return -1;
    }

    private static Set<String> methodNames(List<TargetRule> rules) {
        Set<String> names = new LinkedHashSet<>();
        for (TargetRule rule : rules) {
            names.addAll(rule.methods());
        }
        return names;
    }

    /**
     * Weaves a class of the agent's own, silently, for the caller to throw away: loads and runs once all
     * that a first weave needs.
     */
    static byte[] warmUp() throws Exception {
        Objects.requireNonNull(Resolved.ADVICE); // first: the other way round from a trainer's weave
        Class<?> sample = TrainCall.class;
        byte[] classFile = ClassFileLocator.ForClassLoader.read(sample);
        ClassFileLocator locator = locator(sample.getClassLoader(), sample.getName(), classFile);
        TypeDescription type = typePool(locator).describe(sample.getName()).resolve();
        return weave(type, locator, type.getDeclaredMethods().filter(ElementMatchers.named("returned")));
    }

    private static byte[] weave(TypeDescription type, ClassFileLocator locator,
                                List<? extends MethodDescription> targets) {
        return Configured.BYTE_BUDDY.decorate(type, locator)
                .visit(Resolved.ADVICE.on(ElementMatchers.anyOf(targets)))
                .make()
                .getBytes();
    }

    /** The bytes being transformed first: a retransformation must weave those, not the loader's resource. */
    private static ClassFileLocator locator(ClassLoader loader, String className, byte[] classFile) {
        return new ClassFileLocator.Compound(ClassFileLocator.Simple.of(className, classFile),
                ClassFileLocator.ForClassLoader.of(loader));
    }

    /** Reads a class only when something asks more of it than its name, and then only its outline. */
    private static TypePool typePool(ClassFileLocator locator) {
        return new TypePool.Default.WithLazyResolution(new TypePool.CacheProvider.Simple(), locator,
                TypePool.Default.ReaderMode.FAST);
    }
}
