package dev.ossagent.config;

import java.util.Locale;

/** {@code ossagent.preflight}: what the check at the first target load does with what it finds. */
public enum PreflightMode {
    /** The default: one line, ready or the ERROR; the trainer runs on either way. */
    WARN,
    OFF,
    /** Opt-in, for batch schedulers: a failed check exits the JVM before the trainer's main goes on. */
    FAIL;

    static PreflightMode parse(String value) throws SettingsException {
        String mode = value == null || value.trim().isEmpty() ? "warn" : value.trim().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "warn": return WARN;
            case "off": return OFF;
            case "fail": return FAIL;
            default: throw new SettingsException(OneLine.setting(SettingNames.PREFLIGHT, value)
                    + " is not warn, off or fail");
        }
    }
}
