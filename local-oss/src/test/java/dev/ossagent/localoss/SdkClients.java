package dev.ossagent.localoss;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.common.comm.SignVersion;

/** aliyun-sdk-oss clients for a local-oss under test. */
final class SdkClients {
    private SdkClients() {
    }

    /** Signature V4 for region cn-beijing, with the SDK's own retries as configured. */
    static OSS v4(LocalOss server, String id, String secret, int sdkRetries) {
        ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
        conf.setSignatureVersion(SignVersion.V4);
        conf.setMaxErrorRetry(sdkRetries);
        return client(server, id, secret, "cn-beijing", conf);
    }

    static OSS client(LocalOss server, String id, String secret, String region, ClientBuilderConfiguration conf) {
        return client(server, id, secret, null, region, conf);
    }

    /** With an STS security token (null for none), sent as x-oss-security-token. */
    static OSS client(LocalOss server, String id, String secret, String token, String region,
                      ClientBuilderConfiguration conf) {
        return OSSClientBuilder.create().endpoint(server.endpoint())
                .credentialsProvider(new DefaultCredentialProvider(id, secret, token))
                .clientConfiguration(conf).region(region).build();
    }

    /** Without the SDK's own retries. */
    static OSS client(LocalOss server, SignVersion version, String id, String secret, String token) {
        ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
        conf.setSignatureVersion(version);
        conf.setMaxErrorRetry(0);
        return client(server, id, secret, token, "cn-beijing", conf);
    }
}
