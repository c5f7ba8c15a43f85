package dev.ossagent.credentials;

import dev.ossagent.log.AgentLog;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code AccessKey.csv} the Alibaba Cloud console downloads: a header
 * {@code AccessKey ID,AccessKey Secret} and one data row. Tolerates what editors and other
 * downloads do to it (BOM, CRLF, quotes, blank lines, column order, header spelling, extra columns,
 * spaces); anything else is a {@link CredentialsException} naming the file and the fix.
 * No message ever contains a value from the file other than header names.
 */
public final class AccessKeyCsv {
    /** The console's file is about 100 bytes; anything this big is the wrong file. */
    private static final long MAX_BYTES = 64 * 1024;

    private static final String REDOWNLOAD = "download the key's AccessKey.csv again from the RAM console";

    private AccessKeyCsv() {
    }

    public static Credentials read(Path csv) throws CredentialsException {
        Path file = csv.toAbsolutePath();
        String text = readText(file);
        if (text.isBlank()) {
            throw problem(file, "is empty", REDOWNLOAD);
        }
        rejectOtherSeparators(file, text);

        List<String> headerNames = new ArrayList<>();
        List<CSVRecord> rows = parse(file, text, tolerantFormat(), headerNames);
        AccessKeyCsvHeader header = new AccessKeyCsvHeader(headerNames);
        requireColumns(file, header);
        if (rows.isEmpty()) {
            throw problem(file, "has a header but no data row", REDOWNLOAD);
        }
        if (rows.size() > 1) {
            throw problem(file, "has " + rows.size() + " data rows; expected one",
                    "keep only the row of the key the agent should use");
        }
        CSVRecord row = rows.get(0);
        String id = value(row, header.idIndex);
        String secret = value(row, header.secretIndex);
        if (id.isEmpty()) {
            throw problem(file, "has an empty " + AccessKeyCsvHeader.ID_COLUMN, REDOWNLOAD);
        }
        if (secret.isEmpty()) {
            throw problem(file, "has an empty " + AccessKeyCsvHeader.SECRET_COLUMN, REDOWNLOAD);
        }
        noteTrimmedSpaces(file, text, header);
        SecretFilePermissions.warnIfReadableByOthers(file);
        return new Credentials(id, secret, null);
    }

    private static String readText(Path file) throws CredentialsException {
        if (Files.isDirectory(file)) {
            throw problem(file, "is a folder, not a file",
                    "point ossagent.credentials.csv at the AccessKey.csv file itself");
        }
        if (!Files.exists(file)) {
            throw problem(file, "not found",
                    "download an AccessKey.csv from the RAM console or set ossagent.credentials.csv");
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw problem(file, "is " + size + " bytes, too large for an AccessKey.csv",
                        "point ossagent.credentials.csv at the file the console downloaded");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            // IOException messages name the path and the OS error, never the file's content.
            throw problem(file, "cannot be read (" + e.getClass().getSimpleName() + ")",
                    "check the file's permissions");
        }
        long[] badOffset = new long[1];
        String text = StrictUtf8.decode(bytes, badOffset);
        if (text == null) {
            throw problem(file, "is not UTF-8 (invalid byte at offset " + badOffset[0] + ")",
                    "save it as UTF-8 or " + REDOWNLOAD);
        }
        // Editors on Windows add a byte order mark; it is not part of the first header name.
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Spreadsheet apps in some locales save with ';' or tabs; commons-csv would see one column. */
    private static void rejectOtherSeparators(Path file, String text) throws CredentialsException {
        String firstLine = firstNonBlankLine(text);
        if (firstLine.indexOf(',') >= 0) {
            return;
        }
        String kind = firstLine.indexOf(';') >= 0 ? "semicolon" : firstLine.indexOf('\t') >= 0 ? "tab" : null;
        if (kind != null) {
            throw problem(file, "looks " + kind + "-separated; the console's file is comma-separated",
                    "save it with commas or " + REDOWNLOAD);
        }
    }

    private static String firstNonBlankLine(String text) {
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                return line;
            }
        }
        return "";
    }

    /** The format the values are taken from. */
    private static CSVFormat tolerantFormat() {
        return baseFormat().setTrim(true).setIgnoreSurroundingSpaces(true).get();
    }

    /** Keeps spaces, only to tell the user that some were removed. */
    private static CSVFormat rawFormat() {
        return baseFormat().setTrim(false).setIgnoreSurroundingSpaces(false).get();
    }

    private static CSVFormat.Builder baseFormat() {
        return CSVFormat.DEFAULT.builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                // A trailing comma in the header must not make the whole file unreadable.
                .setAllowMissingColumnNames(true);
    }

    /** Data rows with at least one non-blank value (spreadsheets leave ",," lines behind). */
    private static List<CSVRecord> parse(Path file, String text, CSVFormat format, List<String> headerNames)
            throws CredentialsException {
        List<CSVRecord> rows = new ArrayList<>();
        CSVParser parser = null;
        try {
            parser = CSVParser.parse(new StringReader(text), format);
            headerNames.addAll(parser.getHeaderNames());
            for (CSVRecord record : parser) {
                if (!isBlank(record)) {
                    rows.add(record);
                }
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            // The library's message is not repeated: a future version might quote the offending text.
            String where = parser == null ? "" : " near line " + Math.max(1, parser.getCurrentLineNumber());
            throw problem(file, "is not valid CSV" + where + " (a quote is not closed, or text follows a closing quote)",
                    REDOWNLOAD);
        } finally {
            closeQuietly(parser);
        }
        return rows;
    }

    private static void requireColumns(Path file, AccessKeyCsvHeader header) throws CredentialsException {
        if (header.idIndex >= 0 && header.secretIndex >= 0) {
            return;
        }
        String expected = "the console's file starts with the line '" + AccessKeyCsvHeader.ID_COLUMN + ","
                + AccessKeyCsvHeader.SECRET_COLUMN + "'";
        if (header.looksLikeData()) {
            throw problem(file, "has no header row (its first line looks like a key)", "add the header: " + expected);
        }
        String missing = header.idIndex < 0 && header.secretIndex < 0
                ? AccessKeyCsvHeader.ID_COLUMN + " or " + AccessKeyCsvHeader.SECRET_COLUMN
                : header.idIndex < 0 ? AccessKeyCsvHeader.ID_COLUMN : AccessKeyCsvHeader.SECRET_COLUMN;
        throw problem(file, "has no " + missing + " column (found " + header.describe() + ")", expected);
    }

    private static void noteTrimmedSpaces(Path file, String text, AccessKeyCsvHeader header) {
        CSVRecord raw;
        try {
            List<CSVRecord> rows = parse(file, text, rawFormat(), new ArrayList<>());
            if (rows.size() != 1) {
                return;
            }
            raw = rows.get(0);
        } catch (CredentialsException e) {
            return; // e.g. a space after a closing quote: the tolerant parse coped, the note is only a courtesy
        }
        List<String> columns = new ArrayList<>();
        if (hasSurroundingSpaces(raw, header.idIndex)) {
            columns.add(AccessKeyCsvHeader.ID_COLUMN);
        }
        if (hasSurroundingSpaces(raw, header.secretIndex)) {
            columns.add(AccessKeyCsvHeader.SECRET_COLUMN);
        }
        if (!columns.isEmpty()) {
            AgentLog.info(file + ": removed spaces around the " + String.join(" and ", columns)
                    + (columns.size() == 1 ? " value" : " values") + " (keys never contain spaces)");
        }
    }

    private static boolean hasSurroundingSpaces(CSVRecord raw, int index) {
        if (index >= raw.size()) {
            return false;
        }
        String value = raw.get(index);
        return !value.equals(value.trim());
    }

    private static String value(CSVRecord row, int index) {
        return index < row.size() ? row.get(index).trim() : "";
    }

    private static boolean isBlank(CSVRecord record) {
        for (String value : record) {
            if (value != null && !value.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static void closeQuietly(CSVParser parser) {
        if (parser == null) {
            return;
        }
        try {
            parser.close();
        } catch (IOException ignored) {
            // A StringReader cannot fail to close.
        }
    }

    private static CredentialsException problem(Path file, String problem, String advice) {
        return new CredentialsException(file + ": " + problem + "; " + advice, problem);
    }
}
