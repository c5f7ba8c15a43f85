package dev.ossagent.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrintableTest {
    @Test
    void controlCharactersBecomeVisibleEscapes() {
        assertEquals("a\\nb\\rc\\td\\e[31me\\u0007f\\u007fg\\u0085h\\u009bi\\u2028j\\u2029k",
                Printable.escape("a\nb\rc\td\u001b[31me\u0007f\u007fg\u0085h\u009bi\u2028j\u2029k"));
    }

    @Test
    void plainTextIsReturnedAsItIs() {
        String text = "训练 输出/最终 模型 v1.pt";
        assertSame(text, Printable.escape(text));
    }

    @Test
    void aForgedLineStaysOneLogLineWithOnePrefix() {
        try (LogCapture log = new LogCapture()) {
            AgentLog.info("uploaded model\n[oss-agent] uploads finished\u001b[2K\u0007.pt");
            AgentLog.warn("skipping x\u2028[oss-agent] y\r\n");
            List<String> lines = log.text().lines().toList();
            assertEquals(List.of("[oss-agent] uploaded model\\n[oss-agent] uploads finished\\e[2K\\u0007.pt",
                    "[oss-agent] WARN skipping x\\u2028[oss-agent] y\\r\\n"), lines);
        }
    }
}
