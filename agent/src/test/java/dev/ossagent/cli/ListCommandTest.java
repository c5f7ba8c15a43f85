package dev.ossagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.OSS;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListCommandTest extends CliTest {
    static final String ODD_KEY = "models/新 模型 v1+final.pt";

    @BeforeEach
    void storeObjects() throws Exception {
        OSS client = fixture.client();
        try {
            for (int i = 0; i < 150; i++) {
                put(client, CliFixture.MODEL_BUCKET, String.format("models/k-%03d", i), "x" + i);
            }
            put(client, CliFixture.MODEL_BUCKET, ODD_KEY, "odd");
            put(client, CliFixture.MODEL_BUCKET, "elsewhere/not-listed", "no");
            put(client, CliFixture.DATA_BUCKET, "training-data/training_episodes.json", "{}");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void everyPageWithSmallPages() throws Exception {
        long before = fixture.server.requestCount();
        CliFixture.Run run = fixture.cli("list", "--page-size", "40");
        assertEquals(0, run.code, run.toString());
        List<String> rows = rows(run);
        assertEquals(151, rows.size(), run.toString());
        assertTrue(rows.get(0).endsWith("  models/k-000"), rows.get(0));
        assertTrue(rows.contains(oddRow(rows)), run.toString());
        assertTrue(run.out.contains("151 objects"), run.toString());
        assertEquals(4, fixture.server.requestCount() - before, "151 keys at 40 a page is 4 requests");
    }

    @Test
    void moreThanAHundredWithTheDefaultPage() throws Exception {
        CliFixture.Run run = fixture.cli("list");
        assertEquals(0, run.code, run.toString());
        assertEquals(151, rows(run).size(), run.toString());
        String row = oddRow(rows(run));
        assertTrue(row.contains(" 3  "), "size column: " + row);
        assertTrue(row.matches("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ .*"), "UTC time first: " + row);
    }

    @Test
    void dataPrefix() throws Exception {
        CliFixture.Run run = fixture.cli("list", "--data");
        assertEquals(0, run.code, run.toString());
        List<String> rows = rows(run);
        assertEquals(1, rows.size(), run.toString());
        assertTrue(rows.get(0).endsWith("  training-data/training_episodes.json"), run.toString());
    }

    @Test
    void aPrefixWithPlaceholdersListsItsStaticPartSoEveryRunShows() throws Exception {
        fixture.settings.put("ossagent.model.prefix", "models/${run}/");
        CliFixture.Run run = fixture.cli("list");
        assertEquals(0, run.code, run.toString());
        assertEquals(151, rows(run).size(), run.toString());
    }

    @Test
    void wrongKeyExitCode() throws Exception {
        fixture.writeCsv(CliFixture.ID, CliFixture.WRONG_SECRET);
        CliFixture.Run run = fixture.cli("list");
        assertEquals(ExitCodes.WRONG_KEY, run.code, run.toString());
    }

    private static String oddRow(List<String> rows) {
        for (String row : rows) {
            if (row.endsWith("  " + ODD_KEY)) {
                return row;
            }
        }
        throw new AssertionError("no row ends with " + ODD_KEY + ": " + rows);
    }

    /** Object rows: everything between the header and the total line. */
    private static List<String> rows(CliFixture.Run run) {
        List<String> rows = new ArrayList<>();
        String[] lines = run.out.split("\\R");
        assertTrue(lines[0].startsWith("LAST MODIFIED"), run.toString());
        for (int i = 1; i < lines.length - 1; i++) {
            rows.add(lines[i]);
        }
        return rows;
    }

    private static void put(OSS client, String bucket, String key, String text) {
        client.putObject(bucket, key, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
