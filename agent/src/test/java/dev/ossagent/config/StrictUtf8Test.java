package dev.ossagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrictUtf8Test {
    private static String decode(byte[] bytes, long[] bad) {
        return StrictUtf8.decode(bytes, bad);
    }

    @Test
    void wellFormedTextIsDecoded() {
        String text = "ossagent.model.prefix=模型/\n";
        assertEquals(text, decode(text.getBytes(StandardCharsets.UTF_8), new long[1]));
    }

    @Test
    void aRealReplacementCharacterIsNotABadByte() {
        String text = "a=\uFFFD\n";
        assertEquals(text, decode(text.getBytes(StandardCharsets.UTF_8), new long[1]));
    }

    @Test
    void aLatin1ByteIsReportedWithItsOffsetEvenNextToARealReplacementCharacter() {
        byte[] latin1 = "a=caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        long[] bad = new long[1];
        assertNull(decode(latin1, bad));
        assertEquals(5, bad[0]);
        byte[] both = "x=\uFFFD\n".getBytes(StandardCharsets.UTF_8);
        byte[] mixed = new byte[both.length + latin1.length];
        System.arraycopy(both, 0, mixed, 0, both.length);
        System.arraycopy(latin1, 0, mixed, both.length, latin1.length);
        assertNull(decode(mixed, bad));
        assertEquals(both.length + 5, bad[0]);
    }

    @Test
    void anEncodedSurrogateIsMalformed() {
        byte[] surrogate = {'a', '=', (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        long[] bad = new long[1];
        assertNull(decode(surrogate, bad));
        assertEquals(2, bad[0]);
        assertEquals(2, StrictUtf8.lineOf("a\nb\nc".getBytes(StandardCharsets.US_ASCII), 3));
    }
}
