package dev.ossagent.transfer;

import dev.ossagent.config.TransferSettings;

/**
 * The part size of a multipart upload: the configured one, or by default about a 64th of the file, from
 * 8 MiB to 64 MiB; grown in any case so a file needs at most 10,000 parts.
 *
 * <p>Why a 64th: every part is a request, and in the trainer's fresh JVM each request costs CPU that
 * loopback measurements put at a few milliseconds (mostly compiling the SDK's request path). A 1 GiB
 * model took 3.9-4.2 s in 8 MiB parts and 3.4-3.5 s in 16 MiB parts. The 64 MiB cap bounds what a failed
 * part sends again and what a kill loses: at most one part per thread.
 */
final class PartSizes {
    static final int MAX_PARTS = 10_000;
    private static final long MIB = 1L << 20;
    private static final int DEFAULT_PARTS = 64;
    private static final long SMALLEST_DEFAULT = 8 * MIB;
    private static final long LARGEST_DEFAULT = 64 * MIB;

    private PartSizes() {
    }

    /** @param configured {@code ossagent.multipart.part-size}, or 0 for the default */
    static long choose(long fileSize, long configured) {
        long size = configured > 0 ? configured
                : Math.min(LARGEST_DEFAULT, Math.max(SMALLEST_DEFAULT, wholeMib(ceilDiv(fileSize, DEFAULT_PARTS))));
        long smallestFitting = ceilDiv(fileSize, MAX_PARTS);
        if (size < smallestFitting) {
            size = wholeMib(smallestFitting); // tidy part boundaries, still under the limit
        }
        return Math.min(Math.max(size, TransferSettings.MIN_PART_SIZE), TransferSettings.MAX_PART_SIZE);
    }

    /** The length of part {@code number} (from 1): the part size, or what is left for the last part. */
    static long length(long fileSize, long partSize, int number) {
        return Math.min(partSize, fileSize - (number - 1) * partSize);
    }

    static int count(long fileSize, long partSize) {
        return (int) Math.max(1, ceilDiv(fileSize, partSize));
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static long wholeMib(long bytes) {
        return ceilDiv(bytes, MIB) * MIB;
    }
}
