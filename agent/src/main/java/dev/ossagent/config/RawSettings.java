package dev.ossagent.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
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
        Path file = Paths.get(fileArgument.trim()).toAbsolutePath().normalize();
        return new RawSettings(file, readFile(file), environment, systemProperties);
    }

    static Properties readFile(Path file) throws SettingsException {
        if (!Files.exists(file)) {
            throw new SettingsException("settings file " + file + " does not exist; give the path of an"
                    + " oss-agent.properties file: -javaagent:oss-agent.jar=/path/oss-agent.properties");
        }
        if (Files.isDirectory(file)) {
            throw new SettingsException("settings file " + file + " is a folder; give the path of the"
                    + " oss-agent.properties file inside it");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException | SecurityException e) {
            throw new SettingsException("settings file " + file + " cannot be read (" + e.getClass().getSimpleName()
                    + "); check its permissions");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SettingsException("settings file " + file + " is not UTF-8; save it as UTF-8");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.trim().isEmpty()) {
            throw new SettingsException("settings file " + file + " is empty; see oss-agent.example.properties"
                    + " for the settings it needs");
        }
        Properties values = new Properties();
        try {
            values.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            // Properties reports only "Malformed \\uxxxx encoding." and never echoes the value.
            throw new SettingsException("settings file " + file + " is malformed: " + e.getMessage()
                    + " (a backslash starts an escape; write Windows paths with / or \\\\)");
        }
        return values;
    }

    public Path file() {
        return file;
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
