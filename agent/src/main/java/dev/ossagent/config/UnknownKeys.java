package dev.ossagent.config;

import dev.ossagent.log.AgentLog;
import java.util.Map;

/** Warns about settings the agent does not know, suggesting the nearest known name. */
final class UnknownKeys {
    private static final String PREFIX = "ossagent.";
    private static final String ENV_PREFIX = "OSSAGENT_";

    private UnknownKeys() {
    }

    static void warn(RawSettings raw) {
        for (String key : raw.fileKeys()) {
            if (!SettingNames.ALL.contains(key) && !SettingNames.FILE_ALIASES.contains(key)) {
                warnOne(key, "in " + raw.file());
            }
        }
        for (String key : raw.systemProperties().stringPropertyNames()) {
            if (key.startsWith(PREFIX) && !SettingNames.ALL.contains(key)) {
                warnOne(key, "(-D" + key + ")");
            }
        }
        for (Map.Entry<String, String> entry : raw.environment().entrySet()) {
            String name = entry.getKey();
            if (name.startsWith(ENV_PREFIX) && !isKnownEnvName(name)) {
                String nearest = nearestEnvName(name);
                AgentLog.warn("unknown environment variable " + name + " is ignored"
                        + (nearest == null ? "" : "; did you mean " + nearest + "?"));
            }
        }
    }

    private static void warnOne(String key, String where) {
        String nearest = SettingNames.nearest(key);
        AgentLog.warn("unknown setting " + key + " " + where + " is ignored"
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
        String nearest = SettingNames.nearest(name.toLowerCase(java.util.Locale.ROOT).replace('_', '.'));
        return nearest == null ? null : SettingNames.envName(nearest);
    }
}
