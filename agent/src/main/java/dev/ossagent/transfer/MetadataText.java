package dev.ossagent.transfer;

import java.nio.charset.StandardCharsets;

/**
 * A user-metadata value as an HTTP header can carry it: printable ASCII as is, anything else (and {@code %})
 * as percent-encoded UTF-8, so {@code Trainer#train} stays readable and {@code Modèle#train} arrives as
 * {@code Mod%C3%A8le#train} instead of as mangled bytes.
 */
final class MetadataText {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private MetadataText() {
    }

    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '%') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
