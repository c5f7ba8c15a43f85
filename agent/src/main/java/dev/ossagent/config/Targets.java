package dev.ossagent.config;

import static dev.ossagent.config.SettingNames.PRESET;
import static dev.ossagent.config.SettingNames.TARGET_CLASS;
import static dev.ossagent.config.SettingNames.TARGET_METHOD;
import static dev.ossagent.config.SettingNames.TARGET_PATH;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What premain needs: the classes and methods to watch, from {@code ossagent.target.*} and the presets.
 * Everything else is parsed when a target class loads, so that a JVM that never loads one (the agent in
 * JAVA_TOOL_OPTIONS of unrelated tools) pays for reading one small file and nothing more.
 */
public final class Targets {
    private final List<TargetRule> rules;

    private Targets(List<TargetRule> rules) {
        this.rules = Collections.unmodifiableList(rules);
    }

    /** For the agent: a target class or a preset is required. */
    public static Targets parse(RawSettings raw) throws SettingsException {
        return parse(raw, true);
    }

    static Targets parse(RawSettings raw, boolean forAgent) throws SettingsException {
        if (forAgent && raw.file() == null && !raw.hasAnySetting()) {
            throw new SettingsException("no settings file was given and no ossagent.* setting is in the environment"
                    + " or -D; name the file after the jar: -javaagent:/path/to/oss-agent.jar=/path/to/oss-agent.properties");
        }
        List<TargetRule> rules = explicit(raw.list(TARGET_CLASS, null), raw.list(TARGET_METHOD, "train"),
                TargetPath.parse(raw.get(TARGET_PATH)));
        rules.addAll(Presets.expand(raw.list(PRESET, null)));
        if (forAgent && rules.isEmpty()) {
            throw new SettingsException(TARGET_CLASS + " is not set" + raw.where(true)
                    + "; name the trainer class, for example " + TARGET_CLASS + "=com.example.Trainer, or a library with "
                    + PRESET + " (" + String.join(", ", Presets.names()) + ")");
        }
        return new Targets(rules);
    }

    /** Targets as {@code ossagent.target.class} and {@code .method} would name them (entries may end in +). */
    public static Targets of(List<String> classes, List<String> methods) {
        try {
            return new Targets(explicit(classes, methods, TargetPath.AUTO));
        } catch (SettingsException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static List<TargetRule> explicit(List<String> classes, List<String> methods, TargetPath path)
            throws SettingsException {
        List<TargetRule> rules = new ArrayList<>();
        for (String entry : classes) {
            boolean subtypes = entry.endsWith("+");
            String name = subtypes ? entry.substring(0, entry.length() - 1).trim() : entry;
            if (!isClassName(name)) {
                throw new SettingsException(TARGET_CLASS + " entry " + OneLine.of(entry) + " is not a class name; write the"
                        + " fully qualified name, for example com.example.Trainer, or com.example.Trainer+ for its"
                        + " subclasses too");
            }
            rules.add(new TargetRule(name, subtypes, methods, path, "settings"));
        }
        return rules;
    }

    /** Dot-separated Java identifiers; checked by hand, not with a regex, as premain pays for java.util.regex. */
    static boolean isClassName(String name) {
        boolean segmentStart = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.' && !segmentStart) {
                segmentStart = true;
            } else if (!Character.isIdentifierIgnorable(c)
                    && (segmentStart ? Character.isJavaIdentifierStart(c) : Character.isJavaIdentifierPart(c))) {
                segmentStart = false;
            } else {
                return false;
            }
        }
        return !segmentStart;
    }

    public List<TargetRule> rules() {
        return rules;
    }

    /** The watched class names (without {@code +}). */
    public List<String> classes() {
        List<String> names = new ArrayList<>();
        for (TargetRule rule : rules) {
            names.add(rule.className());
        }
        return names;
    }

    /** {@code com.example.Trainer#train, ml.dmlc.xgboost4j.java.Booster#saveModel} for the startup line. */
    @Override
    public String toString() {
        List<String> shown = new ArrayList<>();
        for (TargetRule rule : rules) {
            shown.add(rule.toString());
        }
        return String.join(", ", shown);
    }
}
