package dev.ossagent.localoss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Crc64Test {
    private static long crc(byte[] data, int off, int len) {
        Crc64 crc = new Crc64();
        crc.update(data, off, len);
        return crc.value();
    }

    @Test
    void knownValueOfCrc64Xz() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x995DC9BBDF1939FAL, crc(check, 0, check.length));
    }

    @Test
    void combinedPartsEqualTheWhole() {
        byte[] data = new byte[300_001];
        new Random(7).nextBytes(data);
        for (int split : new int[] {0, 1, 7, 8, 100_000, 299_999, 300_001}) {
            long combined = Crc64.combine(crc(data, 0, split), crc(data, split, data.length - split), data.length - split);
            assertEquals(crc(data, 0, data.length), combined, "split at " + split);
        }
    }
}
