package dev.ossagent.log;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Captures what a user would see on stderr, so tests can check wording and that no secret leaks. */
public final class LogCapture implements AutoCloseable {
    /** Part of every made-up secret in these tests: catches a secret leaked whole or in part. */
    public static final String SECRET_MARK = "never-print";

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    public LogCapture() {
        AgentLog.redirectForTests(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    public String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Fails when any of the texts, or the captured log, holds a secret. */
    public void assertNoSecret(String... texts) {
        assertFalse(text().contains(SECRET_MARK), "log leaks a secret:\n" + text());
        for (String text : texts) {
            if (text != null) {
                assertFalse(text.contains(SECRET_MARK), "text leaks a secret: " + text);
            }
        }
    }

    @Override
    public void close() {
        AgentLog.redirectForTests(null);
    }
}
