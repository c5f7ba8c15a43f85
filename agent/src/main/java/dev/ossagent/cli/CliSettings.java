package dev.ossagent.cli;

import dev.ossagent.config.RawSettings;
import dev.ossagent.config.SettingNames;
import dev.ossagent.config.Settings;
import dev.ossagent.config.SettingsException;
import dev.ossagent.log.AgentLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Properties;

/**
 * Reads settings exactly as the agent does (file, then environment, then {@code -D}), except that
 * {@code ossagent.target.class} is not required: the command line instruments nothing.
 */
final class CliSettings {
    private CliSettings() {
    }

    static Settings load(CommonOptions options, CliContext context) throws CliException {
        RawSettings raw = raw(options, context);
        if ("json".equalsIgnoreCase(raw.get(SettingNames.LOG_FORMAT))) {
            AgentLog.jsonLines(); // diagnostics on stderr as JSON too (docs/cli-json.md)
        }
        return parse(raw);
    }

    static Settings parse(RawSettings raw) throws CliException {
        try {
            return Settings.parseForCli(raw);
        } catch (SettingsException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
    }

    /** The settings as given (-D, environment, --config file), not yet parsed: also for the few that {@link Settings} does not hold. */
    static RawSettings raw(CommonOptions options, CliContext context) throws CliException {
        Properties properties = context.systemProperties();
        for (Map.Entry<String, String> entry : options.settings.entrySet()) {
            properties.setProperty(entry.getKey(), entry.getValue());
        }
        String file = settingsFile(options, context);
        if (file != null && !Files.exists(Paths.get(file))) {
            throw new CliException(ExitCodes.USAGE, "settings file " + file + " (--config) does not exist; give the path"
                    + " of an oss-agent.properties file, or leave --config out to use environment and -D settings only");
        }
        try {
            return RawSettings.load(file, context.environment(), properties);
        } catch (SettingsException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
    }

    /** The --config file made absolute against the working directory, the default file, or null for none. */
    static String settingsFile(CommonOptions options, CliContext context) {
        if (options.config != null && !options.config.trim().isEmpty()) {
            return context.workingDir().resolve(options.config.trim()).normalize().toString();
        }
        Path fallback = context.workingDir().resolve(CommonOptions.DEFAULT_CONFIG);
        return Files.isRegularFile(fallback) ? fallback.toString() : null;
    }

    static String describe(Settings settings) {
        return settings.file() == null ? "none (no --config and no " + CommonOptions.DEFAULT_CONFIG
                + " here: environment and -D only)" : settings.file().toString();
    }

    /** The data bucket, or a usage error naming the setting when it is not set. */
    static String dataBucket(Settings settings) throws CliException {
        if (settings.dataBucket() == null) {
            throw new CliException(ExitCodes.USAGE, SettingNames.DATA_BUCKET + " is not set; name the data bucket,"
                    + " for example " + SettingNames.DATA_BUCKET + "=cloud-training");
        }
        return settings.dataBucket();
    }
}
