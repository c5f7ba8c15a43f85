package dev.ossagent.localoss;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An Alibaba-Cloud-OSS-compatible HTTP server on 127.0.0.1 for tests and demos: a test double,
 * not a product. Objects are files under {@code root/<bucket>/<key>}.
 *
 * <pre>
 * try (LocalOss oss = LocalOss.builder().root(dir).bucket("b").credentials("id", "secret").build().start()) {
 *     ... oss.endpoint() ...
 * }
 * </pre>
 */
public final class LocalOss implements AutoCloseable {
    private final int requestedPort;
    private final Path root;
    private final Set<String> buckets;
    private final Map<String, String> credentials;
    private final Set<String> readOnlyIds;
    private final Map<String, Set<String>> actionsById;
    private final boolean rejectOtherRegions;
    private final TemporaryKeys temporaryKeys = new TemporaryKeys();
    private final Faults faults = new Faults();
    private final BandwidthCap bandwidth = new BandwidthCap();
    private final RequestGauge inFlight = new RequestGauge();
    private final AtomicLong requestCount = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final RequestLog requestLog = new RequestLog(100_000);
    private volatile Authenticator authenticator;
    private MiniHttpServer server;
    private ExecutorService executor;
    private volatile MultipartOps multipart;

    private LocalOss(Builder b) {
        this.requestedPort = b.port;
        this.root = Objects.requireNonNull(b.root, "root is required");
        this.buckets = new LinkedHashSet<>(b.buckets);
        this.credentials = new LinkedHashMap<>(b.credentials);
        this.readOnlyIds = new LinkedHashSet<>(b.readOnlyIds);
        this.actionsById = new LinkedHashMap<>(b.actionsById);
        this.rejectOtherRegions = b.rejectOtherRegions;
        if (credentials.isEmpty()) {
            throw new IllegalStateException("at least one credentials(id, secret) pair is required");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds 127.0.0.1 and starts serving; returns this for chaining. */
    public synchronized LocalOss start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        try {
            ObjectStore store = new ObjectStore(root, buckets);
            BodyReceiver receiver = new BodyReceiver(bytesReceived, bandwidth);
            IncomingBody incoming = new IncomingBody(faults, receiver);
            BucketOps bucketOps = new BucketOps(store, incoming, System.currentTimeMillis(),
                    () -> "127.0.0.1:" + port());
            authenticator = new Authenticator(credentials, temporaryKeys, readOnlyIds, actionsById,
                    rejectOtherRegions ? BucketOps.LOCATION.substring("oss-".length()) : null);
            OssHandler handler = new OssHandler(store, authenticator, faults, receiver,
                    new ObjectOps(store, incoming, faults), bucketOps, multipart = new MultipartOps(store, incoming),
                    requestCount, inFlight, requestLog);
            // One thread per connection: idle keep-alive connections must not starve new ones.
            executor = Executors.newCachedThreadPool(daemonThreads());
            MiniHttpServer s = new MiniHttpServer(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), handler, executor);
            s.start();
            server = s;
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("local-oss could not start", e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "local-oss-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.port();
    }

    /** "http://127.0.0.1:PORT" */
    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    public Faults faults() {
        return faults;
    }

    /**
     * Accepts a temporary (STS) key pair until {@code expiresAtMillis}, and only with {@code securityToken} in
     * x-oss-security-token, as OSS does: without the token it is an unknown id (403 InvalidAccessKeyId), with
     * another token 403 InvalidSecurityToken, after expiry 403 SecurityTokenExpired. The fakes in
     * {@code dev.ossagent.localoss.sts} call this for every key they issue. Callable before or after start.
     */
    public void acceptTemporary(String accessKeyId, String accessKeySecret, String securityToken,
                                long expiresAtMillis) {
        if (credentials.containsKey(accessKeyId)) {
            throw new IllegalArgumentException("a temporary id must not be a long-term one");
        }
        temporaryKeys.add(Objects.requireNonNull(accessKeyId), Objects.requireNonNull(accessKeySecret),
                Objects.requireNonNull(securityToken), expiresAtMillis);
    }

    /** Requests signed by this access key id (long-term or temporary) that passed the signature check. */
    public long acceptedRequests(String accessKeyId) {
        Authenticator a = authenticator;
        return a == null ? 0 : a.acceptedRequests(accessKeyId);
    }

    /** Total requests received, including faulted ones. */
    public long requestCount() {
        return requestCount.get();
    }

    /**
     * The multipart uploads begun and neither completed nor aborted, by key, with the user metadata each was
     * initiated with (OSS keeps it for the object; ListMultipartUploads does not show it, this does, for tests).
     */
    public List<IncompleteUpload> incompleteUploads() {
        if (multipart == null) {
            throw new IllegalStateException("not started");
        }
        try {
            return multipart.incomplete();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Snapshot of "METHOD /path?query -> status" lines ("-> reset" for dropped connections). */
    public List<String> requestLog() {
        return requestLog.snapshot();
    }

    /** Caps the rate of all upload bodies together, in bytes per second; 0 (the default) for no cap. */
    public LocalOss maxBandwidth(long bytesPerSecond) {
        bandwidth.set(bytesPerSecond);
        return this;
    }

    /** Body bytes read while a bandwidth cap was set, i.e. paced by it. */
    public long bytesThrottled() {
        return bandwidth.bytesCapped();
    }

    /** The most requests ever in progress at once (from arrival to answer), since start or the last reset. */
    public int maxConcurrentRequests() {
        return inFlight.peak();
    }

    public void resetMaxConcurrentRequests() {
        inFlight.resetPeak();
    }

    /** Total request-body bytes read, including bodies of failed and dropped requests. */
    public long bytesReceived() {
        return bytesReceived.get();
    }

    public Path root() {
        return root;
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop();
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Configuration for {@link LocalOss}. */
    public static final class Builder {
        private int port;
        private Path root;
        private final Set<String> buckets = new LinkedHashSet<>();
        private final Map<String, String> credentials = new LinkedHashMap<>();
        private final Set<String> readOnlyIds = new LinkedHashSet<>();
        private final Map<String, Set<String>> actionsById = new LinkedHashMap<>();
        private boolean rejectOtherRegions;

        private Builder() {
        }

        /** 0 (the default) picks an ephemeral port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        public Builder root(Path root) {
            this.root = root;
            return this;
        }

        /** A bucket that exists (repeatable); its location is reported as oss-cn-beijing. */
        public Builder bucket(String name) {
            buckets.add(Objects.requireNonNull(name));
            return this;
        }

        /** An accepted key pair (repeatable). */
        public Builder credentials(String accessKeyId, String accessKeySecret) {
            credentials.put(Objects.requireNonNull(accessKeyId), Objects.requireNonNull(accessKeySecret));
            return this;
        }

        /** An accepted key pair that may only read: writes get 403 AccessDenied, like a RAM user without oss:PutObject. */
        public Builder readOnlyCredentials(String accessKeyId, String accessKeySecret) {
            credentials(accessKeyId, accessKeySecret);
            readOnlyIds.add(accessKeyId);
            return this;
        }

        /**
         * An accepted key pair limited to some actions, as a RAM policy limits a key: {@code put-only} (PutObject
         * and the multipart actions), {@code read-only}, or actions joined by {@code +} (list, head, get, put,
         * multipart, listparts, delete, bucket). Other requests get 403 AccessDenied.
         */
        public Builder limitedCredentials(String accessKeyId, String accessKeySecret, String policy) {
            credentials(accessKeyId, accessKeySecret);
            actionsById.put(accessKeyId, KeyActions.parse(policy));
            return this;
        }

        /**
         * Answers a V4 request to a bucket signed for another region than cn-beijing as OSS answers a
         * request sent to another region's endpoint: 403 AccessDenied naming the bucket's endpoint.
         * Off by default: then any region is accepted.
         */
        public Builder rejectOtherRegions() {
            rejectOtherRegions = true;
            return this;
        }

        public LocalOss build() {
            return new LocalOss(this);
        }
    }
}
