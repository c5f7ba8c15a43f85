package dev.ossagent.log;

import java.io.PrintStream;

/**
 * The agent's only output channel: stderr, one line per message, each prefixed {@code [oss-agent]}.
 * The trainer's stdout is never written. Messages must never contain a secret; ids are masked
 * with {@link #maskId(String)} before they get here.
 */
public final class AgentLog {
    private static final String PREFIX = "[oss-agent] ";
    private static volatile PrintStream out = System.err;

    private AgentLog() {
    }

    public static void info(String message) {
        print(message);
    }

    public static void warn(String message) {
        print("WARN " + message);
    }

    public static void error(String message) {
        print("ERROR " + message);
    }

    private static void print(String message) {
        // One println per line keeps lines whole when trainer threads write to stderr too.
        // Split by hand, not with a regex: the first line is printed in premain, where every class counts.
        PrintStream stream = out;
        int start = 0;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u000B' || c == '\u000C' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                stream.println(PREFIX + message.substring(start, i));
                if (c == '\r' && i + 1 < message.length() && message.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        stream.println(PREFIX + message.substring(start));
    }

    /** Redirects output, for tests that capture what a user would see. */
    public static void redirectForTests(PrintStream stream) {
        out = stream == null ? System.err : stream;
    }

    /** {@code LTAI-5tAbcdefgh1234} becomes {@code LTAI****1234}; short ids show only the mask. */
    public static String maskId(String id) {
        if (id == null || id.isEmpty()) {
            return "(none)";
        }
        if (id.length() <= 8) {
            return "****";
        }
        return id.substring(0, 4) + "****" + id.substring(id.length() - 4);
    }
}
