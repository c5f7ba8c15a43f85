package dev.ossagent.cli;

import dev.ossagent.log.JsonLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --json} for a report of "label: value" lines ({@code test}): the command runs as usual into a buffer,
 * and its lines become one JSON document on one line. "state dir: ..." is {@code "stateDir": "..."}; indented lines
 * under a label ("model bucket: NAME" then "  write: yes") become an object under it, its own value as "name";
 * the closing OK / FAILED line is {@code "result"} and the exit code {@code "exitCode"}; any other line goes to
 * {@code "lines"}. So the document follows the text report, field for line, whatever the report adds.
 */
final class LabelledLines {
    /** The command, run on a context whose stdout is the given one. */
    interface Report {
        int run(CliContext context) throws CliException;
    }

    private LabelledLines() {
    }

    static int asJson(CliContext context, Report report) throws CliException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        CliContext captured = new CliContext(capture, context.err(), context.environment(),
                context.systemProperties(), context.workingDir(), false);
        int code;
        try {
            code = report.run(captured);
        } catch (CliException e) {
            context.out().println(document(buffer.toString(StandardCharsets.UTF_8), e.exitCode()));
            throw e;
        }
        context.out().println(document(buffer.toString(StandardCharsets.UTF_8), code));
        return code;
    }

    static JsonLine document(String text, int exitCode) {
        JsonLine document = new JsonLine();
        List<String> other = new ArrayList<>();
        String section = null;
        String sectionValue = null;
        JsonLine sectionFields = null;
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            boolean indented = line.startsWith(" ");
            int colon = line.indexOf(": ");
            String trimmed = line.trim();
            if (indented && section != null && colon > 0) {
                sectionFields.put(key(trimmed.substring(0, trimmed.indexOf(": "))),
                        trimmed.substring(trimmed.indexOf(": ") + 2).trim());
                continue;
            }
            if (section != null) {
                document.put(section, sectionFields);
                section = null;
            }
            if (trimmed.startsWith("OK") || trimmed.startsWith("FAILED")) {
                document.put("result", trimmed);
            } else if (!indented && colon > 0) {
                String label = key(line.substring(0, colon));
                String value = line.substring(colon + 2).trim();
                if (label.endsWith("Bucket")) { // a section: its lines follow, indented
                    section = label;
                    sectionValue = value;
                    sectionFields = new JsonLine().put("name", sectionValue);
                } else {
                    document.put(label, value);
                }
            } else {
                other.add(trimmed);
            }
        }
        if (section != null) {
            document.put(section, sectionFields);
        }
        return document.putStrings("lines", other).put("exitCode", exitCode);
    }

    /** "state dir" is stateDir. */
    static String key(String label) {
        StringBuilder key = new StringBuilder();
        boolean upper = false;
        for (char c : label.trim().toCharArray()) {
            if (!Character.isLetterOrDigit(c)) {
                upper = key.length() > 0;
            } else {
                key.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
                upper = false;
            }
        }
        return key.toString().isEmpty() ? "line" : key.toString().toLowerCase(Locale.ROOT).charAt(0)
                + key.substring(1);
    }
}
