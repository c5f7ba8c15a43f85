package dev.ossagent.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses sizes as users write them: {@code 100MiB}, {@code 64MB}, {@code 1g}, {@code 512k}, {@code 1.5GiB},
 * or plain bytes. {@code KiB/MiB/GiB/TiB} and the single letters {@code k/m/g/t} (as in {@code -Xmx1g}) are
 * powers of 1024; {@code KB/MB/GB/TB} are powers of 1000. Case does not matter.
 */
public final class ByteSizes {
    private static final Pattern SIZE = Pattern.compile("^([0-9]+(?:\\.[0-9]+)?)\\s*([a-z]*)$");

    private ByteSizes() {
    }

    public static long parse(String setting, String text) throws SettingsException {
        Matcher matcher = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        long unit = matcher.matches() ? unit(matcher.group(2)) : -1;
        if (unit < 0) {
            throw new SettingsException(OneLine.setting(setting, text) + " is not a size; write for example 100MiB, 64MB"
                    + " or 1g");
        }
        String number = matcher.group(1);
        if (number.indexOf('.') < 0) {
            // Whole numbers without BigDecimal: its first use costs ~20 ms on JDK 25, and premain parses
            // the defaults of every size setting (bench/startup.sh).
            try {
                return Math.multiplyExact(Long.parseLong(number), unit);
            } catch (ArithmeticException | NumberFormatException e) {
                throw new SettingsException(OneLine.setting(setting, text) + " is too large");
            }
        }
        BigDecimal bytes = new BigDecimal(number).multiply(BigDecimal.valueOf(unit));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new SettingsException(OneLine.setting(setting, text) + " is too large");
        }
        return bytes.longValue();
    }

    private static long unit(String suffix) {
        switch (suffix) {
            case "": case "b": return 1;
            case "k": case "ki": case "kib": return 1L << 10;
            case "m": case "mi": case "mib": return 1L << 20;
            case "g": case "gi": case "gib": return 1L << 30;
            case "t": case "ti": case "tib": return 1L << 40;
            case "kb": return 1_000L;
            case "mb": return 1_000_000L;
            case "gb": return 1_000_000_000L;
            case "tb": return 1_000_000_000_000L;
            default: return -1;
        }
    }
}
