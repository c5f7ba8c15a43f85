package dev.ossagent.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLineTest {
    @Test
    void fieldsInOrderStringsEscapedSoNothingBreaksTheLine() {
        String line = new JsonLine().put("a", "quote \" back \\ new\nline\u2028 esc\u001b del\u007f").put("n", 42L)
                .put("b", true).put("none", (String) null).toString();
        assertEquals("{\"a\":\"quote \\\" back \\\\ new\\nline\\u2028 esc\\u001b del\\u007f\",\"n\":42,\"b\":true,"
                + "\"none\":null}", line);
    }

    @Test
    void secondsHaveThreeDecimalsAndNoExponent() {
        assertEquals("{\"s\":0.000}", new JsonLine().seconds("s", 0).toString());
        assertEquals("{\"s\":1.005}", new JsonLine().seconds("s", 1.0049999).toString());
        assertEquals("{\"s\":12345678.250}", new JsonLine().seconds("s", 12345678.25).toString());
        assertEquals("{\"s\":0.070}", new JsonLine().seconds("s", 0.07).toString());
    }

    @Test
    void nestedObjectsAndLists() {
        JsonLine file = new JsonLine().put("key", "k");
        assertEquals("{\"files\":[{\"key\":\"k\"},{\"key\":\"k\"}],\"none\":[],\"f\":{\"key\":\"k\"}}",
                new JsonLine().put("files", List.of(file, file)).put("none", List.<JsonLine>of()).put("f", file)
                        .toString());
    }
}
