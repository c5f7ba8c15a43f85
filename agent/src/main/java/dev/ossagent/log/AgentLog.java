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
    /** {@code ossagent.log.format=json}: each line a JSON object ({@link JsonLine}), for log collectors. */
    private static volatile boolean json;

    private AgentLog() {
    }

    public static void info(String message) {
        print("info", "", message);
    }

    public static void warn(String message) {
        print("warn", "WARN ", message);
    }

    public static void error(String message) {
        print("error", "ERROR ", message);
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

    private static void print(String level, String word, String message) {
        if (json) {
            out.println(new JsonLine().put("v", 1).put("type", "log").put("time", java.time.Instant.now().toString())
                    .put("level", level).put("message", message));
            return;
        }
        // One println per message keeps lines whole when trainer threads write to stderr too. Every control
        // character is escaped here, whoever built the message: a file name holding a newline and
        // "[oss-agent] ..." must not become a second line, nor an ESC sequence drive the terminal.
        out.println(PREFIX + Printable.escape(word + message));
    }

    /** From now on every line is a JSON object: {@code ossagent.log.format=json} or events to stderr. */
    public static void jsonLines() {
        json = true;
    }

    /** Back to {@code [oss-agent]} text lines (the command line, run in-process again by tests). */
    public static void textLines() {
        json = false;
    }

    /** A line made elsewhere and already safe (a JSON event, its control characters escaped), as it is. */
    public static void line(String safeLine) {
        out.println(safeLine);
    }

    /** Redirects output, for tests that capture what a user would see. */
    public static void redirectForTests(PrintStream stream) {
        out = stream == null ? System.err : stream;
    }
}
