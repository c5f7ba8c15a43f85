package dev.ossagent.localoss;

/**
 * CRC-64/ECMA-182 in the reflected form OSS reports in {@code x-oss-hash-crc64ecma}
 * (polynomial 0xC96C5795D7870F42, init and final xor all ones, i.e. CRC-64/XZ).
 * Slice-by-8 so that hashing GiB uploads does not dominate the transfer time.
 */
final class Crc64 {
    private static final long POLY = 0xC96C5795D7870F42L;
    private static final long[][] TABLE = new long[8][256];

    static {
        for (int n = 0; n < 256; n++) {
            long crc = n;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY : crc >>> 1;
            }
            TABLE[0][n] = crc;
        }
        for (int n = 0; n < 256; n++) {
            long crc = TABLE[0][n];
            for (int k = 1; k < 8; k++) {
                crc = TABLE[0][(int) (crc & 0xff)] ^ (crc >>> 8);
                TABLE[k][n] = crc;
            }
        }
    }

    private long value;

    void update(byte[] b, int off, int len) {
        long crc = ~value;
        while (len >= 8) {
            crc ^= (b[off] & 0xffL) | (b[off + 1] & 0xffL) << 8 | (b[off + 2] & 0xffL) << 16
                    | (b[off + 3] & 0xffL) << 24 | (b[off + 4] & 0xffL) << 32 | (b[off + 5] & 0xffL) << 40
                    | (b[off + 6] & 0xffL) << 48 | (b[off + 7] & 0xffL) << 56;
            crc = TABLE[7][(int) (crc & 0xff)] ^ TABLE[6][(int) ((crc >>> 8) & 0xff)]
                    ^ TABLE[5][(int) ((crc >>> 16) & 0xff)] ^ TABLE[4][(int) ((crc >>> 24) & 0xff)]
                    ^ TABLE[3][(int) ((crc >>> 32) & 0xff)] ^ TABLE[2][(int) ((crc >>> 40) & 0xff)]
                    ^ TABLE[1][(int) ((crc >>> 48) & 0xff)] ^ TABLE[0][(int) (crc >>> 56)];
            off += 8;
            len -= 8;
        }
        while (len-- > 0) {
            crc = TABLE[0][(int) ((crc ^ b[off++]) & 0xff)] ^ (crc >>> 8);
        }
        value = ~crc;
    }

    long value() {
        return value;
    }

    /**
     * The CRC of A followed by B from the CRCs of A and B and the length of B (zlib's crc32_combine,
     * for 64 bits): how a multipart object's CRC follows from its parts' without reading them again.
     */
    static long combine(long crcA, long crcB, long lengthB) {
        if (lengthB <= 0) {
            return crcA;
        }
        long[] even = new long[64];
        long[] odd = new long[64];
        odd[0] = POLY; // the operator for one zero bit
        long row = 1;
        for (int n = 1; n < 64; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd); // two zero bits
        square(odd, even); // four zero bits
        long crc = crcA;
        long length = lengthB;
        do {
            square(even, odd); // apply len2 zero bytes, one bit of the length at a time
            if ((length & 1) != 0) {
                crc = times(even, crc);
            }
            length >>>= 1;
            if (length == 0) {
                break;
            }
            square(odd, even);
            if ((length & 1) != 0) {
                crc = times(odd, crc);
            }
            length >>>= 1;
        } while (length != 0);
        return crc ^ crcB;
    }

    private static long times(long[] matrix, long vector) {
        long sum = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static void square(long[] square, long[] matrix) {
        for (int n = 0; n < 64; n++) {
            square[n] = times(matrix, matrix[n]);
        }
    }

    /** OSS prints the CRC as an unsigned decimal number. */
    String unsignedString() {
        return Long.toUnsignedString(value);
    }
}
