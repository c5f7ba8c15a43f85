package dev.ossagent.config;

import dev.ossagent.log.AgentLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Warns about settings the agent does not know, suggesting the nearest known name. */
final class UnknownKeys {
    private static final String PREFIX = "ossagent.";
    private static final String ENV_PREFIX = "OSSAGENT_";

    private UnknownKeys() {
    }

    static void warn(RawSettings raw) {
        for (String problem : problems(raw)) {
            AgentLog.warn(problem);
        }
    }

    /** One line per name the agent does not know; the agent warns, {@code test} fails. */
    static List<String> problems(RawSettings raw) {
        List<String> problems = new ArrayList<>();
        for (String key : raw.fileKeys()) {
            if (!SettingNames.ALL.contains(key) && !SettingNames.FILE_ALIASES.contains(key)) {
                if (key.startsWith("[") && key.endsWith("]")) {
                    continue; // a section header of the Python setup's .conf file
                }
                if (looksLikeAName(key)) {
                    problems.add(unknownOne(key, "in " + raw.file()));
                } else {
                    // A key or secret pasted on a line of its own is read as a key: never echo it.
                    problems.add("a line in " + raw.file() + " is not a setting and is ignored (not shown: it may"
                            + " hold a key); write settings as name=value, for example " + SettingNames.MODEL_BUCKET
                            + "=my-bucket");
                }
            }
        }
        for (String key : raw.systemProperties().stringPropertyNames()) {
            if (key.startsWith(PREFIX) && !SettingNames.ALL.contains(key)) {
                problems.add(unknownOne(key, "(-D" + OneLine.of(key) + ")"));
            }
        }
        for (Map.Entry<String, String> entry : raw.environment().entrySet()) {
            String name = entry.getKey();
            if (name.startsWith(ENV_PREFIX) && !isKnownEnvName(name)) {
                String nearest = nearestEnvName(name);
                problems.add("unknown environment variable " + OneLine.of(name) + " is ignored"
                        + (nearest == null ? "" : "; did you mean " + nearest + "?"));
            }
        }
        return problems;
    }

    /**
     * Setting names are lower case words joined by '.', '_' or '-'. Access key ids and secrets are
     * mixed-case letters and digits with no separator, so they never look like one.
     */
    static boolean looksLikeAName(String key) {
        if (key.startsWith(PREFIX)) {
            return true;
        }
        if (key.isEmpty() || key.length() > 64 || !key.equals(key.toLowerCase(Locale.ROOT))) {
            return false;
        }
        boolean separated = false;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            separated |= c == '.' || c == '_' || c == '-';
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        // One long word without separators is more likely a key than a name.
        return separated || key.length() <= 24;
    }

    private static String unknownOne(String key, String where) {
        String nearest = SettingNames.nearest(key);
        return ("unknown setting " + OneLine.of(key) + " " + where + " is ignored"
                + (nearest == null ? "" : "; did you mean " + nearest + "?"));
    }

    private static boolean isKnownEnvName(String name) {
        for (String known : SettingNames.ALL) {
            if (SettingNames.envName(known).equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static String nearestEnvName(String name) {
        String nearest = SettingNames.nearest(name.toLowerCase(Locale.ROOT).replace('_', '.'));
        return nearest == null ? null : SettingNames.envName(nearest);
    }
}
