package dev.ossagent.config;

import java.time.Duration;
import java.util.Locale;

/** Parses durations as users write them: {@code 30m}, {@code 90s}, {@code 2h}, {@code 500ms}, or plain seconds. */
public final class Durations {
    /** Longer waits are typos; and {@link Duration#toNanos()} overflows near 292 years. */
    private static final Duration MAX = Duration.ofDays(365);

    private Durations() {
    }

    public static Duration parse(String setting, String text) throws SettingsException {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Duration duration;
        try {
            duration = parseValue(value);
        } catch (NumberFormatException e) {
            throw new SettingsException(OneLine.setting(setting, text)
                    + " is not a duration; write for example 90s, 30m or 2h");
        } catch (ArithmeticException e) {
            duration = null; // beyond what Duration holds: too long
        }
        if (duration == null || duration.compareTo(MAX) > 0) {
            throw new SettingsException(OneLine.setting(setting, text) + " is longer than 365 days; write for example 30m");
        }
        return duration;
    }

    private static Duration parseValue(String value) {
        if (value.endsWith("ms")) {
            return Duration.ofMillis(nonNegative(value.substring(0, value.length() - 2).trim()));
        }
        char unit = value.isEmpty() ? ' ' : value.charAt(value.length() - 1);
        String number = Character.isLetter(unit) ? value.substring(0, value.length() - 1).trim() : value;
        long amount = nonNegative(number);
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
    }

    private static long nonNegative(String number) {
        long amount = Long.parseLong(number);
        if (amount < 0) {
            throw new NumberFormatException("negative");
        }
        return amount;
    }
}
