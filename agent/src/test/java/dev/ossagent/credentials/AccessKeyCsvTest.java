package dev.ossagent.credentials;

import dev.ossagent.log.LogCapture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.ossagent.credentials.TestFiles.CONSOLE_CSV;
import static dev.ossagent.credentials.TestFiles.ID;
import static dev.ossagent.credentials.TestFiles.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AccessKeyCsvTest {
    @TempDir
    Path dir;

    private LogCapture log;

    @BeforeEach
    void capture() {
        log = new LogCapture();
    }

    @AfterEach
    void release() {
        log.assertNoSecret();
        log.close();
    }

    private Credentials readOk(String text) throws Exception {
        return readOk(text.getBytes(StandardCharsets.UTF_8));
    }

    private Credentials readOk(byte[] bytes) throws Exception {
        Credentials credentials = AccessKeyCsv.read(TestFiles.write(dir, "AccessKey.csv", bytes));
        assertEquals(ID, credentials.accessKeyId());
        assertEquals(SECRET, credentials.accessKeySecret());
        assertNull(credentials.securityToken());
        return credentials;
    }

    /** Reads a bad file; the message must name the file and leak nothing. */
    private String readFails(Path file) {
        CredentialsException e = assertThrows(CredentialsException.class, () -> AccessKeyCsv.read(file));
        String message = e.getMessage();
        assertTrue(message.contains(file.toAbsolutePath().toString()), message);
        assertFalse(message.contains("\n"), message);
        log.assertNoSecret(message, e.toString());
        return message;
    }

    private String readFails(String text) throws IOException {
        return readFails(TestFiles.write(dir, "AccessKey.csv", text));
    }

    @Test
    void consoleFile() throws Exception {
        readOk(CONSOLE_CSV);
        assertEquals("", log.text(), "a clean read logs nothing");
    }

    @Test
    void utf8ByteOrderMark() throws Exception {
        readOk("\uFEFF" + CONSOLE_CSV);
    }

    @Test
    void crlf() throws Exception {
        readOk("AccessKey ID,AccessKey Secret\r\n" + ID + "," + SECRET + "\r\n");
    }

    @Test
    void quotedValues() throws Exception {
        readOk("\"AccessKey ID\",\"AccessKey Secret\"\n\"" + ID + "\",\"" + SECRET + "\"\n");
    }

    @Test
    void blankLines() throws Exception {
        readOk("\n\nAccessKey ID,AccessKey Secret\n\n\n" + ID + "," + SECRET + "\n\n");
    }

    @Test
    void swappedColumns() throws Exception {
        readOk("AccessKey Secret,AccessKey ID\n" + SECRET + "," + ID + "\n");
    }

    @Test
    void extraUserPrincipalNameColumn() throws Exception {
        readOk("UserPrincipalName,AccessKey ID,AccessKey Secret\nuploader@example.onaliyun.com," + ID + "," + SECRET + "\n");
    }

    @Test
    void headersWithoutSpaces() throws Exception {
        readOk("AccessKeyId,AccessKeySecret\n" + ID + "," + SECRET + "\n");
    }

    @Test
    void snakeCaseHeaders() throws Exception {
        readOk("access_key_id,access_key_secret\n" + ID + "," + SECRET + "\n");
    }

    @Test
    void spacesAroundValuesAreTrimmedWithANote() throws Exception {
        readOk("AccessKey ID , AccessKey Secret\n  " + ID + " ,\t" + SECRET + "  \n");
        String text = log.text();
        assertTrue(text.contains("removed spaces around the AccessKey ID and AccessKey Secret values"), text);
        assertFalse(text.contains("WARN"), text);
    }

    @Test
    void spacesInsideQuotesAreTrimmedToo() throws Exception {
        readOk("AccessKey ID,AccessKey Secret\n" + ID + ",\" " + SECRET + " \"\n");
        assertTrue(log.text().contains("removed spaces around the AccessKey Secret value"), log.text());
    }

    @Test
    void emptySecret() throws Exception {
        String message = readFails("AccessKey ID,AccessKey Secret\n" + ID + ",\n");
        assertTrue(message.contains("empty AccessKey Secret"), message);
    }

    @Test
    void emptyId() throws Exception {
        String message = readFails("AccessKey ID,AccessKey Secret\n ," + SECRET + "\n");
        assertTrue(message.contains("empty AccessKey ID"), message);
    }

    @Test
    void emptyFile() throws Exception {
        assertTrue(readFails("").contains("is empty"));
        assertTrue(readFails("\uFEFF\r\n\n").contains("is empty"));
    }

    @Test
    void headerOnly() throws Exception {
        String message = readFails("AccessKey ID,AccessKey Secret\n\n");
        assertTrue(message.contains("has a header but no data row"), message);
    }

    @Test
    void folder() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("AccessKey.csv"));
        String message = readFails(folder);
        assertTrue(message.contains("is a folder"), message);
    }

    @Test
    void missingFile() {
        String message = readFails(dir.resolve("AccessKey.csv"));
        assertTrue(message.contains("not found"), message);
    }

    @Test
    void twoDataRows() throws Exception {
        String message = readFails(CONSOLE_CSV + "LTAI-TESTID00000002,test-secret-never-print-2\n");
        assertTrue(message.contains("2 data rows; expected one"), message);
    }

    @Test
    void semicolonSeparated() throws Exception {
        String message = readFails("AccessKey ID;AccessKey Secret\n" + ID + ";" + SECRET + "\n");
        assertTrue(message.contains("looks semicolon-separated; the console's file is comma-separated"), message);
        message = readFails("\"AccessKey ID\";\"AccessKey Secret\"\n\"" + ID + "\";\"" + SECRET + "\"\n");
        assertTrue(message.contains("semicolon-separated"), message);
    }

    @Test
    void tabSeparated() throws Exception {
        String message = readFails("AccessKey ID\tAccessKey Secret\n" + ID + "\t" + SECRET + "\n");
        assertTrue(message.contains("looks tab-separated"), message);
    }

    @Test
    void latin1Bytes() throws Exception {
        byte[] latin1 = ("AccessKey ID,AccessKey Secret\n" + ID + ",test-secret-\u00e9-never-print-1\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        String message = readFails(TestFiles.write(dir, "AccessKey.csv", latin1));
        assertTrue(message.contains("not UTF-8"), message);
    }

    @Test
    void missingSecretColumnNamesTheHeadersFound() throws Exception {
        String message = readFails("AccessKey ID,Password\n" + ID + "," + SECRET + "\n");
        assertTrue(message.contains("no AccessKey Secret column (found 'AccessKey ID', 'Password')"), message);
    }

    @Test
    void fileWithoutHeaderDoesNotEchoTheKey() throws Exception {
        String message = readFails(ID + "," + SECRET + "\n");
        assertTrue(message.contains("no header row"), message);
        assertFalse(message.contains(ID), message);
    }

    @Test
    void headerCellsThatMayBeKeysAreNotShown() throws Exception {
        String message = readFails("Key,test-secret-never-print-9\nx,y\n");
        assertTrue(message.contains("'Key', (column 2 not shown)"), message);
    }

    @Test
    void unclosedQuote() throws Exception {
        String message = readFails("AccessKey ID,AccessKey Secret\n" + ID + ",\"" + SECRET + "\n");
        assertTrue(message.contains("is not valid CSV"), message);
    }

    @Test
    void groupReadableFileIsWarnedAbout() throws Exception {
        assumeTrue(TestFiles.posix());
        Path file = TestFiles.write(dir, "AccessKey.csv", CONSOLE_CSV);
        TestFiles.chmod(file, "rw-r-----");
        AccessKeyCsv.read(file);
        String text = log.text();
        assertTrue(text.contains("WARN " + file.toAbsolutePath() + " holds a secret and is readable by its group (mode 0640); run chmod 600 "
                + file.toAbsolutePath()), text);
    }

    @Test
    void worldReadableFileIsWarnedAbout() throws Exception {
        assumeTrue(TestFiles.posix());
        Path file = TestFiles.write(dir, "AccessKey.csv", CONSOLE_CSV);
        TestFiles.chmod(file, "rw-r--r--");
        AccessKeyCsv.read(file);
        assertTrue(log.text().contains("is readable by others (mode 0644); run chmod 600"), log.text());
    }

    @Test
    void emptySpreadsheetRowsAboveTheHeader() throws Exception {
        readOk(",,\n , \r\n" + CONSOLE_CSV);
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 20, unit = java.util.concurrent.TimeUnit.SECONDS)
    void namedPipeIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = dir.resolve("AccessKey.csv");
        assumeTrue(dev.ossagent.it.Fifo.make(fifo), "mkfifo is not available");
        String message = readFails(fifo);
        assertEquals(fifo.toAbsolutePath() + ": is not a regular file (a named pipe, socket or device); point"
                + " ossagent.credentials.csv at the AccessKey.csv file itself", message);
    }

    @Test
    void tooLargeIsTheWrongFile() throws Exception {
        String message = readFails(TestFiles.write(dir, "AccessKey.csv", new byte[100_000]));
        assertTrue(message.contains("is 100000 bytes, too large for an AccessKey.csv"), message);
    }

    @Test
    void latin1NamesTheLine() throws Exception {
        byte[] latin1 = ("AccessKey ID,AccessKey Secret\n" + ID + ",test-secret-\u00e9-never-print-1\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        String message = readFails(TestFiles.write(dir, "AccessKey.csv", latin1));
        assertTrue(message.contains(": is not UTF-8 (invalid byte at offset 62, line 2; Latin-1 or GBK?); save it as"
                + " UTF-8 or download the key's AccessKey.csv again from the RAM console"), message);
    }
}
