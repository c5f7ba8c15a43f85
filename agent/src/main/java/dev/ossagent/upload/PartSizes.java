package dev.ossagent.upload;

import dev.ossagent.config.TransferSettings;

/** The part size of a multipart upload: the configured one or 8 MiB, grown so a file needs at most 10,000 parts. */
final class PartSizes {
    static final long DEFAULT = 8L << 20;
    static final int MAX_PARTS = 10_000;
    private static final long MIB = 1L << 20;

    private PartSizes() {
    }

    /** @param configured {@code ossagent.multipart.part-size}, or 0 for the default */
    static long choose(long fileSize, long configured) {
        long size = configured > 0 ? configured : DEFAULT;
        long smallestFitting = (fileSize + MAX_PARTS - 1) / MAX_PARTS;
        if (size < smallestFitting) {
            // Round up to whole MiB: tidy part boundaries, still under the limit.
            size = (smallestFitting + MIB - 1) / MIB * MIB;
        }
        return Math.min(Math.max(size, TransferSettings.MIN_PART_SIZE), TransferSettings.MAX_PART_SIZE);
    }

    static int count(long fileSize, long partSize) {
        return (int) Math.max(1, (fileSize + partSize - 1) / partSize);
    }
}
