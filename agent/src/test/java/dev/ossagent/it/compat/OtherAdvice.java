package dev.ossagent.it.compat;

import net.bytebuddy.asm.Advice;

/** Inlined into the trainer by {@link OtherAgent}: JDK calls only, no string concatenation (indy). */
public final class OtherAdvice {
    private OtherAdvice() {
    }

    @Advice.OnMethodExit
    static void exit(@Advice.Return Object returned) {
        System.err.println("[other-agent] train returned ".concat(String.valueOf(returned)));
    }
}
