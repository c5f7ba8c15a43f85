package dev.ossagent.transfer;

import com.aliyun.oss.InconsistentException;
import com.aliyun.oss.model.GenericResult;

/**
 * The CRC64 of what one request sent, computed from its body as it was read ({@link FileSlice}), and whether
 * the server's answer confirmed it with its own {@code x-oss-hash-crc64ecma}. The SDK's CRC check is off
 * ({@link OssClients}): it would hash every byte a second time.
 */
final class SentCrc {
    final long crc64;
    /** The server reported the same CRC64: the request's answer is its verification. */
    final boolean confirmed;

    SentCrc(long crc64, boolean confirmed) {
        this.crc64 = crc64;
        this.confirmed = confirmed;
    }

    /**
     * @throws InconsistentException when the server's CRC64 differs (a transient failure: the request is sent again)
     */
    static SentCrc check(FileSlice body, GenericResult result) {
        if (!body.fullyRead()) {
            throw new IllegalStateException("the OSS client did not read the whole request body");
        }
        return check(body.crc64(), result);
    }

    /**
     * @param crc the CRC64 of the bytes sent
     * @throws InconsistentException when the server's CRC64 differs (a transient failure: the request is sent again)
     */
    static SentCrc check(long crc, GenericResult result) {
        Long server = result.getServerCRC();
        if (server != null && server != crc) {
            throw new InconsistentException(crc, server, result.getRequestId());
        }
        return new SentCrc(crc, server != null);
    }
}
