package dev.ossagent.localoss;

import java.util.Locale;

/** A byte rate as written on the command line: {@code 1000}, {@code 500KB}, {@code 100MB}, {@code 1GiB} (per second). */
final class Rates {
    private Rates() {
    }

    static long parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.endsWith("/S")) {
            t = t.substring(0, t.length() - 2);
        }
        String[][] units = {{"KIB", "1024"}, {"MIB", "1048576"}, {"GIB", "1073741824"},
            {"KB", "1000"}, {"MB", "1000000"}, {"GB", "1000000000"}, {"B", "1"}};
        long factor = 1;
        for (String[] unit : units) {
            if (t.endsWith(unit[0])) {
                factor = Long.parseLong(unit[1]);
                t = t.substring(0, t.length() - unit[0].length()).trim();
                break;
            }
        }
        try {
            double value = Double.parseDouble(t);
            if (!(value >= 0)) {
                throw new NumberFormatException();
            }
            return (long) (value * factor);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a rate: " + text + " (e.g. 100MB)");
        }
    }
}
