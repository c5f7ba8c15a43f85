package dev.ossagent.config;

import java.time.Duration;
import java.util.Locale;

/** Parses durations as users write them: {@code 30m}, {@code 90s}, {@code 2h}, {@code 500ms}, or plain seconds. */
public final class Durations {
    private Durations() {
    }

    public static Duration parse(String setting, String text) throws SettingsException {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2).trim()));
            }
            char unit = value.isEmpty() ? ' ' : value.charAt(value.length() - 1);
            String number = Character.isLetter(unit) ? value.substring(0, value.length() - 1).trim() : value;
            long amount = Long.parseLong(number);
            if (amount < 0) {
                throw new NumberFormatException("negative");
            }
            switch (unit) {
                case 's': return Duration.ofSeconds(amount);
                case 'm': return Duration.ofMinutes(amount);
                case 'h': return Duration.ofHours(amount);
                case 'd': return Duration.ofDays(amount);
                default:
                    if (Character.isLetter(unit)) {
                        throw new NumberFormatException("unit");
                    }
                    return Duration.ofSeconds(amount);
            }
        } catch (NumberFormatException e) {
            throw new SettingsException(setting + "=" + text + " is not a duration; write for example 90s, 30m or 2h");
        }
    }
}
