package dev.ossagent.integrity;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * CRC-64/ECMA-182 as OSS reports it in {@code x-oss-hash-crc64ecma} (reflected polynomial 0xC96C5795D7870F42,
 * init and final xor all ones; the SDK's {@code CRC64}). Slice-by-16 over little-endian longs: the agent
 * hashes every byte it uploads, so this runs at several GB/s where the SDK's slice-by-8 (one byte load at a time) is
 * slower (bench/crc64.sh prints both).
 *
 * <p>Long inputs go through two lanes at once: the second {@link #LANE} bytes are hashed from a zero register
 * alongside the first, and the first lane's register is then carried over LANE zero bytes ({@link #SHIFT}) and
 * xor-ed in; the CRC is linear, so that is the CRC of both lanes in a row. Two independent chains of table
 * look-ups keep the core busier than one: 1.2-1.3x the single chain's GB/s (CPU time, bench/crc64.sh).
 */
public final class Crc64 {
    private static final long POLY = 0xC96C5795D7870F42L;
    /** TABLE[k * 256 + b]: the CRC of byte b followed by k zero bytes; one array, so one range check to hoist. */
    private static final long[] TABLE = new long[16 * 256];
    /** Bytes per lane; a multiple of 16. */
    static final int LANE = 4096;
    /** SHIFT[k * 256 + b]: a register holding byte b at byte position k, carried over LANE zero bytes. */
    private static final long[] SHIFT = new long[8 * 256];
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
        long[] perBit = new long[64]; // the shift is linear: build it from the 64 single bits
        for (int i = 0; i < 64; i++) {
            long r = 1L << i;
            for (int z = 0; z < LANE; z++) {
                r = TABLE[(int) (r & 0xff)] ^ (r >>> 8);
            }
            perBit[i] = r;
        }
        for (int k = 0; k < 8; k++) {
            for (int b = 0; b < 256; b++) {
                long r = 0;
                for (int j = 0; j < 8; j++) {
                    if ((b & (1 << j)) != 0) {
                        r ^= perBit[8 * k + j];
                    }
                }
                SHIFT[k * 256 + b] = r;
            }
        }
    }


    /** The CRC of the bytes hashed before ({@code crc}) followed by {@code b[off, off + len)}. */
    public static long update(long crc, byte[] b, int off, int len) {
        final long[] t = TABLE;
        long c = ~crc;
        while (len >= 2 * LANE) {
            long first = c;
            long second = 0;
            for (int i = off, end = off + LANE; i < end; i += 16) {
                first = sixteen(t, first, b, i);
                second = sixteen(t, second, b, i + LANE);
            }
            c = shift(first) ^ second;
            off += 2 * LANE;
            len -= 2 * LANE;
        }
        while (len >= 16) {
            c = sixteen(t, c, b, off);
            off += 16;
            len -= 16;
        }
        while (len-- > 0) {
            c = t[(int) (c ^ b[off++]) & 0xff] ^ (c >>> 8);
        }
        return ~c;
    }

    /** The register after 16 more bytes from {@code off}. */
    private static long sixteen(long[] t, long c, byte[] b, int off) {
        long a = c ^ (long) LONGS.get(b, off);
        long d = (long) LONGS.get(b, off + 8);
        return t[3840 + ((int) a & 0xff)] ^ t[3584 + ((int) (a >>> 8) & 0xff)] ^ t[3328 + ((int) (a >>> 16) & 0xff)]
                ^ t[3072 + ((int) (a >>> 24) & 0xff)] ^ t[2816 + ((int) (a >>> 32) & 0xff)]
                ^ t[2560 + ((int) (a >>> 40) & 0xff)] ^ t[2304 + ((int) (a >>> 48) & 0xff)] ^ t[2048 + (int) (a >>> 56)]
                ^ t[1792 + ((int) d & 0xff)] ^ t[1536 + ((int) (d >>> 8) & 0xff)] ^ t[1280 + ((int) (d >>> 16) & 0xff)]
                ^ t[1024 + ((int) (d >>> 24) & 0xff)] ^ t[768 + ((int) (d >>> 32) & 0xff)]
                ^ t[512 + ((int) (d >>> 40) & 0xff)] ^ t[256 + ((int) (d >>> 48) & 0xff)] ^ t[(int) (d >>> 56)];
    }

    /** The register carried over LANE zero bytes. */
    private static long shift(long r) {
        final long[] s = SHIFT;
        return s[(int) r & 0xff] ^ s[256 + ((int) (r >>> 8) & 0xff)] ^ s[512 + ((int) (r >>> 16) & 0xff)]
                ^ s[768 + ((int) (r >>> 24) & 0xff)] ^ s[1024 + ((int) (r >>> 32) & 0xff)]
                ^ s[1280 + ((int) (r >>> 40) & 0xff)] ^ s[1536 + ((int) (r >>> 48) & 0xff)] ^ s[1792 + (int) (r >>> 56)];
    }
}
