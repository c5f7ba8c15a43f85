package dev.ossagent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.ossagent.log.AgentLog;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

/** Weaves {@link TrainAdvice} into the target methods of one class file. Loaded only when a target loads. */
final class AdviceWeaver {
    private AdviceWeaver() {
    }

    static byte[] weave(ClassLoader loader, String className, byte[] classFile, String method) {
        ClassFileLocator locator = new ClassFileLocator.Compound(
                ClassFileLocator.Simple.of(className, classFile),
                loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader() : ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = TypePool.Default.of(locator);
        TypeDescription type = pool.describe(className).resolve();

        ElementMatcher.Junction<MethodDescription> candidates = named(method).and(not(isAbstract())).and(not(isBridge()));
        int advised = 0;
        int found = 0;
        for (MethodDescription.InDefinedShape declared : type.getDeclaredMethods().filter(candidates)) {
            found++;
            TypeDescription returnType = declared.getReturnType().asErasure();
            if (returnType.isPrimitive()) {
                AgentLog.warn(className + "#" + declared.getName() + declared.getDescriptor() + " returns "
                        + returnType.getName() + ", not a path; it is not instrumented. Return the model path"
                        + " (String, Path, File or URI) from " + method + "(...)");
            } else {
                advised++;
            }
        }
        if (advised == 0) {
            if (found == 0) {
                AgentLog.warn(className + " declares no " + method + "(...) method; nothing to instrument."
                        + " Check ossagent.target.method");
            }
            return null;
        }
        ElementMatcher.Junction<MethodDescription> targets = candidates.and(
                not(net.bytebuddy.matcher.ElementMatchers.returns(net.bytebuddy.matcher.ElementMatchers.<TypeDescription>isPrimitive())));
        byte[] woven = new ByteBuddy()
                .with(TypeValidation.DISABLED)
                .redefine(type, locator)
                .visit(Advice.to(TrainAdvice.class).on(targets))
                .make(pool)
                .getBytes();
        AgentLog.info("instrumented " + className + "#" + method + " (" + advised + " method"
                + (advised == 1 ? "" : "s") + ")");
        return woven;
    }
}
