package dev.ossagent.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code ossagent.log.format=json}: each agent line one JSON object, a forged line inside a message included. */
class JsonLogTest {
    @Test
    void eachLineIsOneObjectWithItsLevel() {
        try (LogCapture log = new LogCapture()) {
            AgentLog.jsonLines();
            try {
                AgentLog.warn("file a\n[oss-agent] ERROR forged");
                AgentLog.info("plain");
            } finally {
                AgentLog.textLines();
            }
            AgentLog.info("text again");
            String[] lines = log.text().split("\n");
            assertEquals(3, lines.length, log.text());
            assertTrue(lines[0].matches("\\{\"v\":1,\"type\":\"log\",\"time\":\"[0-9T:.-]+Z\",\"level\":\"warn\","
                    + "\"message\":\"file a\\\\n\\[oss-agent\\] ERROR forged\"}"), lines[0]);
            assertTrue(lines[1].contains("\"level\":\"info\",\"message\":\"plain\"}"), lines[1]);
            assertEquals("[oss-agent] text again", lines[2]);
        }
    }
}
