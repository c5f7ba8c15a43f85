package dev.ossagent.credentials;

import dev.ossagent.config.StrictUtf8;
import dev.ossagent.log.AgentLog;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
        String text = withoutLeadingEmptyRows(readText(file));
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
        byte[] bytes = readBytes(file);
        long[] badOffset = new long[1];
        String text = StrictUtf8.decode(bytes, badOffset);
        if (text == null) {
            throw problem(file, "is not UTF-8 (invalid byte at offset " + badOffset[0] + ", line "
                            + StrictUtf8.lineOf(bytes, badOffset[0]) + "; Latin-1 or GBK?)",
                    "save it as UTF-8 or " + REDOWNLOAD);
        }
        // Editors on Windows add a byte order mark; it is not part of the first header name.
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Opens only a regular file: reading a named pipe would block the upload thread for good. */
    private static byte[] readBytes(Path file) throws CredentialsException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw problem(file, "not found",
                    "download an AccessKey.csv from the RAM console or set ossagent.credentials.csv");
        } catch (IOException | SecurityException e) {
            throw unreadable(file, e);
        }
        if (attributes.isDirectory()) {
            throw problem(file, "is a folder, not a file",
                    "point ossagent.credentials.csv at the AccessKey.csv file itself");
        }
        if (!attributes.isRegularFile()) {
            throw problem(file, "is not a regular file (a named pipe, socket or device)",
                    "point ossagent.credentials.csv at the AccessKey.csv file itself");
        }
        if (attributes.size() > MAX_BYTES) {
            throw problem(file, "is " + attributes.size() + " bytes, too large for an AccessKey.csv",
                    "point ossagent.credentials.csv at the file the console downloaded");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException | SecurityException e) {
            throw unreadable(file, e);
        }
    }

    private static CredentialsException unreadable(Path file, Exception e) {
        if (e instanceof AccessDeniedException || e instanceof SecurityException) {
            return problem(file, "cannot be read (permission denied)",
                    "let the user running the trainer read it: chown that user, chmod 600");
        }
        // IOException messages name the path and the OS error, never the file's content.
        return problem(file, "cannot be read (" + e.getClass().getSimpleName() + ")", "check the file and its folder");
    }

    /** Spreadsheets save empty rows above the header as ",,"; the header is the first row with a value. */
    private static String withoutLeadingEmptyRows(String text) {
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            int next = end < 0 ? text.length() : end + 1;
            if (!text.substring(start, next).replace(",", "").isBlank()) {
                break;
            }
            start = next;
        }
        return text.substring(start);
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
