package dev.ossagent.instrument;

import dev.ossagent.config.TargetRule;
import dev.ossagent.log.AgentLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What weaving one class file gave: the new class file (or none, to leave the class as it is), the methods
 * woven with the rule that watches each, and the lines to say about it. Plain data, with no Byte Buddy type,
 * so {@link WeaveCache} can keep it between runs and hand it back without loading Byte Buddy.
 */
final class WovenClass {
    /** One woven method: its path rule is decided again from these when applied. */
    static final class Method {
        final String name;
        final String descriptor;
        final String returnType;
        final List<String> parameterTypes;
        /** Index of the watching rule in the list the class was woven for. */
        final int rule;

        Method(String name, String descriptor, String returnType, List<String> parameterTypes, int rule) {
            this.name = name;
            this.descriptor = descriptor;
            this.returnType = returnType;
            this.parameterTypes = Collections.unmodifiableList(new ArrayList<>(parameterTypes));
            this.rule = rule;
        }
    }

    /** A line to log: {@code warning} or information. */
    static final class Line {
        final boolean warning;
        final String text;

        Line(boolean warning, String text) {
            this.warning = warning;
            this.text = text;
        }
    }

    /** Null: the class stays as it is. */
    final byte[] classFile;
    final List<Method> methods;
    /** Said before the summary: methods skipped, or why nothing was woven. */
    final List<Line> lines;
    /** What was woven, e.g. {@code Trainer#train (1 method)}; null when nothing was. */
    final String summary;

    WovenClass(byte[] classFile, List<Method> methods, List<Line> lines, String summary) {
        this.classFile = classFile;
        this.methods = Collections.unmodifiableList(new ArrayList<>(methods));
        this.lines = Collections.unmodifiableList(new ArrayList<>(lines));
        this.summary = summary;
    }

    /**
     * Registers each woven method's path rule and says the lines, then "instrumented" and the summary with
     * {@code how} after it. Returns the new class file or null.
     */
    byte[] apply(String className, List<TargetRule> rules, String how) {
        for (Method method : methods) {
            WovenMethods.register(className, method.name, method.descriptor,
                    PathRule.decide(rules.get(method.rule).path(), method.returnType, method.parameterTypes));
        }
        for (Line line : lines) {
            if (line.warning) {
                AgentLog.warn(line.text);
            } else {
                AgentLog.info(line.text);
            }
        }
        if (summary != null) {
            AgentLog.info("instrumented " + summary + how);
        }
        return classFile;
    }
}
