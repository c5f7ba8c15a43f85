package dev.ossagent.upload;

import com.aliyun.oss.model.GenericResult;

/** The CRC64 the SDK computed of the bytes it sent; always there, since the agent's clients check CRCs. */
final class SentCrc {
    private SentCrc() {
    }

    static long of(GenericResult result) {
        Long crc = result.getClientCRC();
        if (crc == null) {
            throw new IllegalStateException("the OSS client computed no CRC64; its CRC check must stay on");
        }
        return crc;
    }
}
