package dev.ossagent.transfer;

import java.io.IOException;
import dev.ossagent.integrity.FileVersion;

/** The CRC-64/ECMA of a range of an opened file version: what a part of it in OSS must equal. */
final class RangeCrc {
    private RangeCrc() {
    }

    /** @throws java.nio.file.NoSuchFileException when the file is gone; an IOException when it is now shorter */
    static long of(FileVersion file, long offset, long length) throws IOException {
        byte[] buffer = new byte[FileSlice.BLOCK];
        try (FileSlice slice = new FileSlice(file, offset, length)) {
            while (slice.read(buffer, 0, buffer.length) >= 0) {
                // FileSlice computes the CRC64 of what it reads
            }
            return slice.crc64();
        }
    }
}
