package dev.ossagent.it.compat;

import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Another vendor's agent, as most are written: Byte Buddy's {@code AgentBuilder}, unshaded, with advice
 * on the same {@code train} method the oss-agent instruments. The test packs it into its own jar.
 * Argument: the trainer class name.
 */
public final class OtherAgent {
    private OtherAgent() {
    }

    public static void premain(String trainerClass, Instrumentation instrumentation) {
        new AgentBuilder.Default()
                .type(ElementMatchers.named(trainerClass))
                .transform((builder, type, loader, module, domain) ->
                        builder.visit(Advice.to(OtherAdvice.class).on(ElementMatchers.named("train"))))
                .installOn(instrumentation);
        System.err.println("[other-agent] installed");
    }
}
