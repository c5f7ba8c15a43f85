package dev.ossagent.log;

import java.io.PrintStream;

/**
 * The agent's only output channel: stderr, one line per message, each prefixed {@code [oss-agent]}.
 * The trainer's stdout is never written. Messages must never contain a secret; ids are masked
 * with {@link Masking#id(String)} before they get here. Control characters are escaped ({@link Printable}).
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

    /** Said once per JVM: the same line from the preflight and from every plan's upload would only repeat. */
    public static void warnOnce(String message) {
        if (Said.first("WARN " + message)) {
            warn(message);
        }
    }

    public static void errorOnce(String message) {
        if (Said.first("ERROR " + message)) {
            error(message);
        }
    }

    private static void print(String message) {
        // One println per message keeps lines whole when trainer threads write to stderr too. Every control
        // character is escaped here, whoever built the message: a file name holding a newline and
        // "[oss-agent] ..." must not become a second line, nor an ESC sequence drive the terminal.
        out.println(PREFIX + Printable.escape(message));
    }

    /** Redirects output, for tests that capture what a user would see. */
    public static void redirectForTests(PrintStream stream) {
        out = stream == null ? System.err : stream;
    }
}
