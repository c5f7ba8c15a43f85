package dev.ossagent.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code ${name}} placeholders in prefixes and file lists, replaced in one pass (a value that itself holds
 * {@code ${...}} stays as it is). A name the agent does not know is a settings error, not a literal key.
 */
public final class Placeholders {
    public static final String MODEL = "model";
    public static final String MODEL_DIR = "modelDir";
    /** What a prefix may use: known when the settings are read. */
    static final List<String> IN_PREFIXES = Collections.unmodifiableList(Arrays.asList("run", "date", "host", "rank"));
    /** What a file list may use: the prefix's and the returned path. */
    static final List<String> IN_FILES = Collections.unmodifiableList(Arrays.asList(MODEL, MODEL_DIR, "run", "date",
            "host", "rank"));

    private Placeholders() {
    }

    /** {@code text} with each {@code ${name}} replaced by {@code values.apply(name)}; unknown (null) ones kept. */
    public static String expand(String text, UnaryOperator<String> values) {
        int start = text.indexOf("${");
        if (start < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 32);
        int from = 0;
        while (start >= 0) {
            int end = text.indexOf('}', start + 2);
            if (end < 0) {
                break;
            }
            String value = values.apply(text.substring(start + 2, end));
            out.append(text, from, start).append(value != null ? value : text.substring(start, end + 1));
            from = end + 1;
            start = text.indexOf("${", from);
        }
        return out.append(text, from, text.length()).toString();
    }

    /** Throws naming the setting when {@code value} uses a placeholder outside {@code known}. */
    static void check(String setting, String value, List<String> known) throws SettingsException {
        String[] unknown = new String[1];
        expand(value, name -> {
            if (unknown[0] == null && !known.contains(name)) {
                unknown[0] = name;
            }
            return "";
        });
        if (unknown[0] != null) {
            StringBuilder names = new StringBuilder();
            for (String name : known) {
                names.append(names.length() == 0 ? "" : ", ").append("${").append(name).append('}');
            }
            throw new SettingsException(OneLine.setting(setting, value) + " uses ${" + OneLine.of(unknown[0])
                    + "}, which is not a placeholder here; known: " + names);
        }
    }
}
