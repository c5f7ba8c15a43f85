package dev.ossagent.transfer;

import com.aliyun.oss.OSS;
import java.lang.reflect.Field;
import org.apache.http.config.ConnectionConfig;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;

/**
 * Gives the SDK's HTTP connections a 64 KiB output buffer instead of HttpClient's 8 KiB. The SDK writes
 * request bodies 2 KiB at a time, which HttpClient flushes to the socket every 8 KiB: on loopback that
 * costs the sending thread about 1 s of CPU per GiB, against 0.35 s with 64 KiB writes. The SDK offers no
 * setting for it, so this reaches its connection manager by reflection (the SDK is shaded into the agent
 * at a pinned version; HttpBuffersTest fails if that stops working). On failure nothing changes but speed.
 */
final class HttpBuffers {
    static final int SIZE = 64 * 1024;

    private HttpBuffers() {
    }

    /** @return whether new connections of {@code client} get the large buffer */
    static boolean widen(OSS client) {
        try {
            Object service = SdkInternals.serviceClient(client);
            Field manager = SdkInternals.serviceClientField("connectionManager");
            Object pool = manager.get(service);
            if (!(pool instanceof PoolingHttpClientConnectionManager)) {
                return false;
            }
            ((PoolingHttpClientConnectionManager) pool).setDefaultConnectionConfig(
                    ConnectionConfig.custom().setBufferSize(SIZE).build());
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
