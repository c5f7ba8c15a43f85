package dev.ossagent.integrity;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * CRC-64/ECMA-182 as OSS reports it in {@code x-oss-hash-crc64ecma} (reflected polynomial 0xC96C5795D7870F42,
 * init and final xor all ones; the SDK's {@code CRC64}). Slice-by-16 over little-endian longs: the agent
 * hashes every byte it uploads, so this runs at several GB/s where the SDK's slice-by-8 (one byte load at a time) is
 * slower (bench/crc64.sh prints both).
 */
public final class Crc64 {
    private static final long POLY = 0xC96C5795D7870F42L;
    /** TABLE[k * 256 + b]: the CRC of byte b followed by k zero bytes; one array, so one range check to hoist. */
    private static final long[] TABLE = new long[16 * 256];
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        for (int n = 0; n < 256; n++) {
            long crc = n;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY : crc >>> 1;
            }
            TABLE[n] = crc;
        }
        for (int n = 0; n < 256; n++) {
            long crc = TABLE[n];
            for (int k = 1; k < 16; k++) {
                crc = TABLE[(int) (crc & 0xff)] ^ (crc >>> 8);
                TABLE[k * 256 + n] = crc;
            }
        }
    }

    private long value;

    void update(byte[] b, int off, int len) {
        value = update(value, b, off, len);
    }

    long value() {
        return value;
    }

    /** The CRC of the bytes hashed before ({@code crc}) followed by {@code b[off, off + len)}. */
    public static long update(long crc, byte[] b, int off, int len) {
        final long[] t = TABLE;
        long c = ~crc;
        while (len >= 16) {
            long a = c ^ (long) LONGS.get(b, off);
            long d = (long) LONGS.get(b, off + 8);
            c = t[3840 + ((int) a & 0xff)] ^ t[3584 + ((int) (a >>> 8) & 0xff)] ^ t[3328 + ((int) (a >>> 16) & 0xff)]
                    ^ t[3072 + ((int) (a >>> 24) & 0xff)] ^ t[2816 + ((int) (a >>> 32) & 0xff)]
                    ^ t[2560 + ((int) (a >>> 40) & 0xff)] ^ t[2304 + ((int) (a >>> 48) & 0xff)] ^ t[2048 + (int) (a >>> 56)]
                    ^ t[1792 + ((int) d & 0xff)] ^ t[1536 + ((int) (d >>> 8) & 0xff)] ^ t[1280 + ((int) (d >>> 16) & 0xff)]
                    ^ t[1024 + ((int) (d >>> 24) & 0xff)] ^ t[768 + ((int) (d >>> 32) & 0xff)]
                    ^ t[512 + ((int) (d >>> 40) & 0xff)] ^ t[256 + ((int) (d >>> 48) & 0xff)] ^ t[(int) (d >>> 56)];
            off += 16;
            len -= 16;
        }
        while (len-- > 0) {
            c = t[(int) (c ^ b[off++]) & 0xff] ^ (c >>> 8);
        }
        return ~c;
    }
}
