package dev.ossagent.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.aliyun.oss.common.utils.CRC64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The agent's slice-by-16 CRC64 against the SDK's implementation (what OSS and the SDK call CRC64). */
class Crc64Test {
    @Test
    void equalsTheSdksCrc64OnRandomDataAndRanges() {
        Random random = new Random(20261129);
        byte[] data = new byte[300_000];
        random.nextBytes(data);
        for (int i = 0; i < 500; i++) {
            int off = random.nextInt(data.length);
            int len = i < 40 ? i : random.nextInt(data.length - off + 1); // every short length, then any range
            CRC64 sdk = new CRC64();
            sdk.update(data, off, len);
            assertEquals(sdk.getValue(), Crc64.update(0, data, off, len), "offset " + off + ", length " + len);
        }
    }

    @Test
    void continuesAcrossPiecesOfAnyLength() {
        Random random = new Random(7);
        byte[] data = new byte[100_003];
        random.nextBytes(data);
        CRC64 sdk = new CRC64();
        sdk.update(data, data.length);
        long ours = 0;
        int off = 0;
        while (off < data.length) {
            int len = Math.min(data.length - off, random.nextInt(40));
            ours = Crc64.update(ours, data, off, len);
            off += len;
        }
        assertEquals(sdk.getValue(), ours);
    }

    @Test
    void lengthsAroundTheThreeLaneBlock() {
        Random random = new Random(11);
        byte[] data = new byte[7 * Crc64.LANE + 64];
        random.nextBytes(data);
        for (int len : new int[] {3 * Crc64.LANE - 1, 3 * Crc64.LANE, 3 * Crc64.LANE + 1, 4 * Crc64.LANE,
                6 * Crc64.LANE, 6 * Crc64.LANE + 17, 7 * Crc64.LANE + 64}) {
            for (int off : new int[] {0, 1, 15, data.length - len}) {
                if (off < 0 || off + len > data.length) {
                    continue;
                }
                CRC64 sdk = new CRC64();
                sdk.update(data, off, len);
                assertEquals(sdk.getValue(), Crc64.update(0, data, off, len), "offset " + off + ", length " + len);
                assertEquals(Crc64.update(Crc64.update(0, data, off, 7), data, off + 7, len - 7),
                        Crc64.update(0, data, off, len), "continued after 7 bytes, length " + len);
            }
        }
    }

    @Test
    void knownValues() {
        assertEquals(0, Crc64.update(0, new byte[0], 0, 0));
        // CRC-64/XZ check value of "123456789"
        assertEquals(0x995DC9BBDF1939FAL, Crc64.update(0, "123456789".getBytes(), 0, 9));
    }

    @Test
    void combiningTheCrcsOfTwoPiecesGivesTheCrcOfBothInARowAsTheSdksCombineDoes() {
        Random random = new Random(12);
        byte[] data = new byte[3 * Crc64.LANE + 999];
        random.nextBytes(data);
        for (int cut : new int[] {0, 1, 7, 8, 4096, Crc64.LANE + 5, data.length - 1, data.length}) {
            long first = Crc64.update(0, data, 0, cut);
            long second = Crc64.update(0, data, cut, data.length - cut);
            long whole = Crc64.update(0, data, 0, data.length);
            assertEquals(whole, Crc64.Shift.over(data.length - cut).combine(first, second), "cut at " + cut);
        }
        for (long length : new long[] {1, 16L << 20, 5L << 30, 123_456_789_012L}) {
            long a = random.nextLong();
            long b = random.nextLong();
            assertEquals(CRC64.combine(a, b, length), Crc64.Shift.over(length).combine(a, b), "length " + length);
        }
    }
}
