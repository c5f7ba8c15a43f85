package dev.ossagent.transfer;

import com.aliyun.oss.OSS;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.util.function.Supplier;
import org.apache.http.HttpEntity;
import org.apache.http.HttpEntityEnclosingRequest;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.conn.ClientConnectionManager;
import org.apache.http.entity.AbstractHttpEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.params.HttpParams;
import org.apache.http.protocol.HttpContext;

/**
 * Lets the SDK send the agent's request bodies as they are. The SDK copies every body through a 2 KiB buffer and
 * hands HttpClient 2 KiB writes; the agent's {@link RequestBody} writes 128 KiB blocks, which HttpClient passes
 * straight to the socket. The SDK offers no way to give it an entity, so this wraps its HttpClient (by reflection,
 * like {@link HttpBuffers}): while a call runs under {@link #sending}, a request whose body has that body's length
 * gets the body as its entity. Everything else, and everything when the wrapping failed, goes as before.
 */
final class DirectBodies {
    private static final ThreadLocal<RequestBody> CURRENT = new ThreadLocal<>();

    private DirectBodies() {
    }

    /** @return whether requests of {@code client} can take the agent's bodies */
    static boolean install(OSS client) {
        try {
            Object service = SdkInternals.serviceClient(client);
            Field http = SdkInternals.serviceClientField("httpClient");
            Object current = http.get(service);
            if (current instanceof Wrapper) {
                return true;
            }
            if (!(current instanceof CloseableHttpClient)) {
                return false;
            }
            http.set(service, new Wrapper((CloseableHttpClient) current));
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Runs {@code call} (one SDK request on this thread) with {@code body} written by the agent. */
    static <T> T sending(RequestBody body, Supplier<T> call) {
        CURRENT.set(body);
        try {
            return call.get();
        } finally {
            CURRENT.remove();
        }
    }

    /** The SDK's HttpClient, with the entity of a request under {@link #sending} replaced on the way. */
    private static final class Wrapper extends CloseableHttpClient {
        private final CloseableHttpClient sdk;

        Wrapper(CloseableHttpClient sdk) {
            this.sdk = sdk;
        }

        @Override
        protected CloseableHttpResponse doExecute(HttpHost target, HttpRequest request, HttpContext context)
                throws IOException {
            RequestBody body = CURRENT.get();
            if (body != null && request instanceof HttpEntityEnclosingRequest) {
                HttpEntityEnclosingRequest withBody = (HttpEntityEnclosingRequest) request;
                HttpEntity entity = withBody.getEntity();
                if (entity != null && entity.getContentLength() == body.length()) {
                    withBody.setEntity(new Entity(body, entity));
                }
            }
            return sdk.execute(target, request, context);
        }

        @Override
        public void close() throws IOException {
            sdk.close();
        }

        @Override
        @SuppressWarnings("deprecation")
        public HttpParams getParams() {
            return sdk.getParams();
        }

        @Override
        @SuppressWarnings("deprecation")
        public ClientConnectionManager getConnectionManager() {
            return sdk.getConnectionManager();
        }
    }

    private static final class Entity extends AbstractHttpEntity {
        private final RequestBody body;

        Entity(RequestBody body, HttpEntity sdks) {
            this.body = body;
            setContentType(sdks.getContentType());
            setContentEncoding(sdks.getContentEncoding());
        }

        @Override
        public boolean isRepeatable() {
            return true;
        }

        @Override
        public long getContentLength() {
            return body.length();
        }

        @Override
        public InputStream getContent() {
            throw new UnsupportedOperationException("written by writeTo");
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            body.writeTo(out);
        }

        @Override
        public boolean isStreaming() {
            return false;
        }
    }
}
