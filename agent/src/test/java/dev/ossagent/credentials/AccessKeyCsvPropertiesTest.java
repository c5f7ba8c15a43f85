package dev.ossagent.credentials;

import dev.ossagent.log.LogCapture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * Random AccessKey.csv files, as bytes and as near-miss CSV: reading gives the key or a
 * {@link CredentialsException} with a one-line message naming the file, never another exception,
 * and neither the message nor the log ever shows the id or the secret.
 */
class AccessKeyCsvPropertiesTest {
    /** Shaped like real keys: an id of LTAI + 20, a secret of 30 letters and digits. */
    private static final String ID = "LTAI-5tPropTest0000000001";
    private static final String SECRET = "Pr0pTestSecretNeverShown0123ab";

    @Property(tries = 500)
    void randomBytes(@ForAll @Size(max = 300) byte[] bytes) throws IOException {
        check(bytes);
    }

    @Property(tries = 500)
    void nearMissCsv(@ForAll("csv") String text, @ForAll("charsets") String charset) throws IOException {
        check(text.getBytes(Charset.forName(charset)));
    }

    @Property(tries = 200)
    void theConsoleFileWithNoiseAroundItStillReads(@ForAll("noise") String before, @ForAll("noise") String after)
            throws IOException {
        Credentials credentials = check((before + "AccessKey ID,AccessKey Secret\r\n" + ID + "," + SECRET + "\r\n" + after)
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(ID, credentials == null ? null : credentials.accessKeyId());
        assertEquals(SECRET, credentials.accessKeySecret());
    }

    /** The credentials read, or null after checking the failure. */
    private static Credentials check(byte[] bytes) throws IOException {
        Path dir = Files.createTempDirectory("csv-property");
        Path file = TestFiles.write(dir, "AccessKey.csv", bytes);
        try (LogCapture log = new LogCapture()) {
            try {
                return AccessKeyCsv.read(file);
            } catch (CredentialsException e) {
                String message = e.getMessage();
                assertTrue(message.startsWith(file.toAbsolutePath() + ": "), message);
                assertFalse(message.contains("\n") || message.contains("\r"), message);
                assertFalse(message.contains(SECRET) || message.contains(ID), message);
                assertFalse(e.problem().contains(SECRET) || e.problem().contains(ID), e.problem());
                return null;
            } finally {
                assertFalse(log.text().contains(SECRET) || log.text().contains(ID), log.text());
            }
        } finally {
            Files.delete(file);
            Files.delete(dir);
        }
    }

    @Provide
    Arbitrary<String> csv() {
        Arbitrary<String> cell = Arbitraries.oneOf(
                Arbitraries.of("AccessKey ID", "AccessKey Secret", "AccessKeyId", "access_key_secret", "UserPrincipalName",
                        "", " ", ID, SECRET, " " + SECRET + " ", "\"" + SECRET + "\"", "\"" + ID, "\"", "\"\"", "x",
                        "\uFEFF", "STS." + ID, "\u00e9", "\u4e2d\u6587"),
                Arbitraries.strings().ofMaxLength(6));
        Arbitrary<String> separator = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(",")),
                Tuple.of(1, Arbitraries.of(";", "\t", " , ", ",\"", "\"")));
        Arbitrary<String> line = Combinators.combine(cell, separator).as((c, s) -> c + s).list().ofMaxSize(4)
                .map(cells -> String.join("", cells));
        Arbitrary<String> end = Arbitraries.of("\n", "\r\n", "\r", "");
        return Combinators.combine(line, end).as((l, e) -> l + e).list().ofMaxSize(5)
                .map(lines -> String.join("", lines));
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.of("", "\n", "\r\n\r\n", ",,\n", " ,  \n", ",,,\r\n");
    }

    @Provide
    Arbitrary<String> charsets() {
        return Arbitraries.of("UTF-8", "UTF-8", "ISO-8859-1", "UTF-16", "GBK");
    }
}
