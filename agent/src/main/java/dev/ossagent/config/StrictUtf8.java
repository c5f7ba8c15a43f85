package dev.ossagent.config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 and fails on any malformed byte. A lenient decoder would turn a Latin-1 byte into
 * U+FFFD, and a key or setting would then fail far away with a confusing error.
 */
public final class StrictUtf8 {
    private StrictUtf8() {
    }

    /** The decoded text, or null with {@code badOffset[0]} set to the offset of the first bad byte. */
    public static String decode(byte[] bytes, long[] badOffset) {
        // The JDK's decoder turns each malformed byte into U+FFFD: without one in its output, all was well
        // (and premain needs no CharsetDecoder). With one, the strict decoder tells a real U+FFFD from a bad byte.
        String lenient = new String(bytes, StandardCharsets.UTF_8);
        if (lenient.indexOf('\uFFFD') < 0) {
            return lenient;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            badOffset[0] = in.position();
            return null;
        }
        out.flip();
        return out.toString();
    }

    /** The 1-based line that holds byte {@code offset}, so a message can point at it. */
    public static int lineOf(byte[] bytes, long offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
