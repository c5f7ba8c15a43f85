package dev.ossagent.transfer;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.common.comm.SignVersion;
import dev.ossagent.config.Settings;
import dev.ossagent.credentials.Credentials;
import dev.ossagent.credentials.OssCredentialsProvider;
import dev.ossagent.credentials.ResolvedCredentials;

/** Builds the one aliyun-sdk-oss client of an upload session. Loaded on the upload thread only. */
public final class OssClients {
    static {
        // The SDK logs through (relocated) commons-logging; keep it quiet and out of the trainer's
        // logging setup. The agent reports problems itself, one line each. Shading rewrites both names.
        System.setProperty("org.apache.commons.logging.Log", "org.apache.commons.logging.impl.NoOpLog");
    }

    private OssClients() {
    }

    /** A client for one fixed key (tests, tools). */
    public static OSS create(Settings settings, Credentials credentials) {
        return create(settings, new ResolvedCredentials(credentials, "given"));
    }

    public static OSS create(Settings settings, Credentials credentials, ClientBuilderConfiguration conf) {
        return create(settings, new ResolvedCredentials(credentials, "given"), conf);
    }

    public static OSS create(Settings settings, ResolvedCredentials credentials) {
        return create(settings, credentials, configuration(settings));
    }

    /** The agent's client configuration; the CLI's {@code test} shortens its timeouts. */
    public static ClientBuilderConfiguration configuration(Settings settings) {
        ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
        conf.setSignatureVersion(settings.signatureV1() ? SignVersion.V1 : SignVersion.V4);
        conf.setSLDEnabled(settings.endpoint().pathStyle());
        // The agent hashes each byte once as it reads it (FileSlice) and compares with the server's CRC64 itself;
        // the SDK's check would hash everything again.
        conf.setCrcCheckEnabled(false);
        // One retry layer, ours (Retrier): requests are counted, classified and re-signed per attempt.
        conf.setMaxErrorRetry(0);
        // On RequestTimeTooSkewed the SDK takes the server's time for the next signature; Retrier retries.
        conf.setEnableAutoCorrectClockSkew(true);
        conf.setConnectionTimeout(10_000);
        conf.setSocketTimeout(60_000);
        return conf;
    }

    public static OSS create(Settings settings, ResolvedCredentials credentials, ClientBuilderConfiguration conf) {
        OSS client = OSSClientBuilder.create()
                .endpoint(settings.endpoint().url())
                .credentialsProvider(new OssCredentialsProvider(credentials))
                .clientConfiguration(conf)
                .region(settings.endpoint().region())
                .build();
        HttpBuffers.widen(client);
        DirectBodies.install(client);
        return client;
    }
}
