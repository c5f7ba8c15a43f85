package dev.ossagent.instrument;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The code Byte Buddy copies into each woven method, at its start and at every way out. It runs in the
 * trainer's class, whose loader may see nothing of the agent, so it names JDK types only and finds
 * {@link TrainBridge} by name through the system class loader (which loaded the agent jar). Whatever it
 * throws is swallowed ({@code suppress}); the method's return value and exception are never touched.
 */
final class TrainAdvice {
    /** A constant, so the copied code holds the name and no reference to the class. */
    static final String BRIDGE = "dev.ossagent.instrument.TrainBridge";

    private TrainAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Origin("#m") String method,
                      @Advice.AllArguments(typing = Assigner.Typing.DYNAMIC) Object[] arguments) throws Exception {
        ClassLoader.getSystemClassLoader().loadClass(BRIDGE).getMethod("enter", String.class, Object[].class)
                .invoke(null, method, arguments);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Origin("#t") String trainerClass, @Advice.Origin("#m") String method,
                     @Advice.Origin("#d") String descriptor,
                     @Advice.AllArguments(typing = Assigner.Typing.DYNAMIC) Object[] arguments,
                     @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
                     @Advice.Thrown Throwable thrown) throws Exception {
        ClassLoader.getSystemClassLoader().loadClass(BRIDGE)
                .getMethod("exit", String.class, String.class, String.class, Object[].class, Object.class,
                        Throwable.class)
                .invoke(null, trainerClass, method, descriptor, arguments, returned, thrown);
    }
}
