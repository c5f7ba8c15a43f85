package dev.ossagent.upload;

import com.aliyun.oss.common.utils.CRC64;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** The CRC-64/ECMA of a range of a file as it is now: what a part of it in OSS must equal. */
final class RangeCrc {
    private RangeCrc() {
    }

    /** @throws java.nio.file.NoSuchFileException when the file is gone; an IOException when it is now shorter */
    static long of(Path path, long offset, long length) throws IOException {
        CRC64 crc = new CRC64();
        byte[] buffer = new byte[FileSlice.BLOCK];
        try (InputStream in = new FileSlice(path, offset, length)) {
            int n;
            while ((n = in.read(buffer, 0, buffer.length)) >= 0) {
                crc.update(buffer, 0, n);
            }
        }
        return crc.getValue();
    }
}
