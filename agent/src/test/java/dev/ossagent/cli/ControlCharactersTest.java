package dev.ossagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.OSS;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A file name or object key with a newline, CR, ESC or BEL comes out escaped in every table and listing, so it can
 * neither forge a row or an {@code [oss-agent]} line nor drive the terminal; a key pasted as an option is not echoed.
 */
class ControlCharactersTest extends CliTest {
    private static final String EVIL = "w\n[oss-agent] uploads finished\r\u001b[2J\u0007\u009b\u2028.bin";
    private static final String SHOWN = "w\\n[oss-agent] uploads finished\\r\\e[2J\\u0007\\u009b\\u2028.bin";

    private static void assertNoControlCharacters(String text) {
        for (char c : text.toCharArray()) {
            boolean lineEnd = c == '\n' || c == '\r';
            assertFalse(!lineEnd && (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'),
                    "control character " + (int) c + " in:\n" + text);
        }
    }

    private static void assertEveryLineIsOneLine(String text, String expectedShown) {
        long rows = text.lines().filter(line -> line.contains(expectedShown)).count();
        assertTrue(rows >= 1, text);
        assertFalse(text.lines().anyMatch(line -> line.startsWith("[oss-agent] uploads finished")), text);
        assertNoControlCharacters(text);
    }

    @Test
    void planAndUploadShowTheNameEscaped() throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("run")).resolve(EVIL), "weights");
        CliFixture.Run plan = fixture.cli("plan", "run");
        assertEquals(0, plan.code, plan.toString());
        assertEveryLineIsOneLine(plan.out, "run/" + SHOWN);

        CliFixture.Run upload = fixture.cli("upload", "--model", "run");
        assertEquals(0, upload.code, upload.toString());
        assertEveryLineIsOneLine(upload.out, "hktech-agent-models/models/run/" + SHOWN);
        assertEveryLineIsOneLine(upload.err, SHOWN);
        assertTrue(upload.out.contains("1 of 1 files uploaded"), upload.toString());
    }

    @Test
    void listShowsTheKeyEscaped() throws Exception {
        OSS client = fixture.client();
        try {
            client.putObject(CliFixture.MODEL_BUCKET, "models/" + EVIL,
                    new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)));
        } finally {
            client.shutdown();
        }
        CliFixture.Run list = fixture.cli("list");
        assertEquals(0, list.code, list.toString());
        assertEveryLineIsOneLine(list.out, "  models/" + SHOWN);
    }

    @Test
    void aKeyGivenAsAnOptionValueIsNotEchoed() {
        String secret = "Abcdefghij0123456789KLMNOPqrst";
        CliFixture.Run run = fixture.raw("list", "--page-size", secret);
        assertEquals(ExitCodes.USAGE, run.code, run.toString());
        assertTrue(run.err.contains("--page-size"), run.toString());
        assertFalse(run.err.contains(secret.substring(0, 8)) || run.err.contains(secret.substring(22)), run.toString());
    }

    @Test
    void tableCellsAreEscapedBeforeTheyAreMeasured() {
        TextTable table = new TextTable(new String[] {"FILE", "SIZE"}, new boolean[] {false, true});
        table.add("a\u001bb", "1");
        table.add("abcdef", "22");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        table.print(new java.io.PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals("FILE    SIZE\na\\eb       1\nabcdef    22\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theProgressBarShowsTheNameEscaped() {
        assertTrue(ProgressBar.render("[1/1] a\rb", 1, 2, 1.0).startsWith("[1/1] a\\rb ["));
    }
}
