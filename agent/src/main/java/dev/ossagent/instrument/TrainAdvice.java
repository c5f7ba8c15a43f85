package dev.ossagent.instrument;

import net.bytebuddy.asm.Advice;

/**
 * Inlined into the trainer's {@code train} methods. It may use JDK types only: the trainer's class
 * loader may see nothing of the agent, so {@link TrainBridge} is reached reflectively through the
 * system class loader, which loaded the agent jar. Both advices suppress every Throwable.
 */
public final class TrainAdvice {
    private TrainAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter() throws Exception {
        ClassLoader.getSystemClassLoader().loadClass("dev.ossagent.instrument.TrainBridge")
                .getMethod("enter").invoke(null);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Return(typing = net.bytebuddy.implementation.bytecode.assign.Assigner.Typing.DYNAMIC) Object returned,
                     @Advice.Thrown Throwable thrown,
                     @Advice.Origin("#t") String trainerClass,
                     @Advice.Origin("#m") String method) throws Exception {
        ClassLoader.getSystemClassLoader().loadClass("dev.ossagent.instrument.TrainBridge")
                .getMethod("exit", Object.class, Throwable.class, String.class, String.class)
                .invoke(null, returned, thrown, trainerClass, method);
    }
}
