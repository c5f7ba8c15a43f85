package dev.ossagent.transfer;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClient;
import com.aliyun.oss.common.comm.DefaultServiceClient;
import java.lang.reflect.Field;

/**
 * The SDK's private fields the agent reaches into, where it offers no setting ({@link HttpBuffers},
 * {@link DirectBodies}). The SDK is shaded into the agent at a pinned version; their tests fail when it moves them.
 */
final class SdkInternals {
    private SdkInternals() {
    }

    /** The client's {@code DefaultServiceClient}, which holds its HttpClient and connection pool. */
    static Object serviceClient(OSS client) throws ReflectiveOperationException {
        Field serviceClient = OSSClient.class.getDeclaredField("serviceClient");
        serviceClient.setAccessible(true);
        return serviceClient.get(client);
    }

    /** A field of {@code DefaultServiceClient}, made accessible. */
    static Field serviceClientField(String name) throws ReflectiveOperationException {
        Field field = DefaultServiceClient.class.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
