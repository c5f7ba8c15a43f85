package dev.ossagent.localoss;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Maps key segments to file names. Under a UTF-8 platform encoding (the normal case) the name is
 * the segment itself. Under an ASCII locale (LANG unset) the JDK cannot create non-ASCII file
 * names at all, so there every non-ASCII byte and '%' is percent-encoded instead of failing.
 */
final class FileNames {
    private static final boolean ESCAPE = !isUtf8(System.getProperty("sun.jnu.encoding"));

    private FileNames() {
    }

    private static boolean isUtf8(String name) {
        try {
            return name != null && Charset.forName(name).equals(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return false;
        }
    }

    static String toFileName(String segment) {
        if (!ESCAPE) {
            return segment;
        }
        StringBuilder sb = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 0x80 || c == '%') {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    static String fromFileName(String name) {
        return ESCAPE ? UrlCodec.decode(name, false) : name;
    }
}
