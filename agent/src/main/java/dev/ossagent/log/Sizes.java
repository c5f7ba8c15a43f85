package dev.ossagent.log;

import java.util.Locale;

/** Byte counts and rates as people read them. */
public final class Sizes {
    private Sizes() {
    }

    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** MB/s (10^6 bytes per second), the unit network tools print. */
    public static String rate(long bytes, double seconds) {
        return String.format(Locale.ROOT, "%.1f MB/s", seconds <= 0 ? 0.0 : bytes / seconds / 1_000_000.0);
    }
}
