package dev.ossagent.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Setting values before parsing, looked up by name with the precedence {@code -D} over environment
 * over settings file. Reading the file is the only I/O.
 */
public final class RawSettings {
    private final Path file;
    private final Properties fileValues;
    private final Map<String, String> environment;
    private final Properties systemProperties;

    private RawSettings(Path file, Properties fileValues, Map<String, String> environment, Properties systemProperties) {
        this.file = file;
        this.fileValues = fileValues;
        this.environment = environment;
        this.systemProperties = systemProperties;
    }

    /** Settings with no file: environment and system properties only. */
    public static RawSettings withoutFile(Map<String, String> environment, Properties systemProperties) {
        return new RawSettings(null, new Properties(), environment, systemProperties);
    }

    public static RawSettings load(String fileArgument, Map<String, String> environment, Properties systemProperties)
            throws SettingsException {
        if (fileArgument == null || fileArgument.trim().isEmpty()) {
            return withoutFile(environment, systemProperties);
        }
        Path file;
        try {
            file = Paths.get(fileArgument.trim()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new SettingsException("settings file " + OneLine.of(fileArgument) + " is not a valid path ("
                    + OneLine.of(e.getReason()) + "); give the path of an oss-agent.properties file");
        }
        return new RawSettings(file, SettingsFile.read(file), environment, systemProperties);
    }

    /** True when any known setting is given anywhere: without a file, the environment or -D may hold them all. */
    boolean hasAnySetting() {
        for (String name : SettingNames.ALL) {
            if (get(name) != null) {
                return true;
            }
        }
        return false;
    }

    public Path file() {
        return file;
    }

    /** {@code ossagent.enabled}, read without parsing anything else: premain's first question. */
    public boolean enabled() throws SettingsException {
        return bool(SettingNames.ENABLED, true);
    }

    /** {@code ossagent.weave-cache}: keep woven classes in the state dir for the next run. */
    public boolean weaveCache() throws SettingsException {
        return bool(SettingNames.WEAVE_CACHE, true);
    }

    /** A true/false setting; yes/no, on/off and 1/0 are accepted too. */
    boolean bool(String name, boolean fallback) throws SettingsException {
        String value = get(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "on": case "1": return true;
            case "false": case "no": case "off": case "0": return false;
            default: throw new SettingsException(OneLine.setting(name, value) + " is not true or false");
        }
    }

    /** Where a missing setting should go, for messages. */
    String where(boolean forAgent) {
        if (file != null) {
            return " in " + file;
        }
        return forAgent ? " (no settings file was given: -javaagent:/path/to/oss-agent.jar=/path/to/oss-agent.properties)"
                : " (no settings file: give --config /path/to/oss-agent.properties)";
    }

    /** A comma separated setting (or {@code fallback} when unset or empty) as its non-empty, trimmed items. */
    List<String> list(String name, String fallback) {
        String value = get(name);
        if (value == null || value.isEmpty()) {
            value = fallback;
        }
        List<String> items = new ArrayList<>();
        if (value != null) {
            for (String item : value.split(",")) {
                if (!item.trim().isEmpty()) {
                    items.add(item.trim());
                }
            }
        }
        return Collections.unmodifiableList(items);
    }

    /** The folder relative settings resolve against: the settings file's, else the working directory. */
    public Path baseDir() {
        return file != null ? file.getParent() : Paths.get("").toAbsolutePath();
    }

    public String get(String name) {
        String value = systemProperties.getProperty(name);
        if (value == null) {
            value = environment.get(SettingNames.envName(name));
        }
        if (value == null) {
            value = fileValues.getProperty(name);
        }
        return value == null ? null : value.trim();
    }

    /** A key of the settings file only (the Python {@code .conf} aliases live there). */
    public String fileValue(String key) {
        String value = fileValues.getProperty(key);
        return value == null ? null : value.trim();
    }

    public Iterable<String> fileKeys() {
        return fileValues.stringPropertyNames();
    }

    public Properties systemProperties() {
        return systemProperties;
    }

    public Map<String, String> environment() {
        return environment;
    }
}
