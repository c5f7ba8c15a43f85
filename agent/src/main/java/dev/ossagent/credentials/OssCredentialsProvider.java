package dev.ossagent.credentials;

import com.aliyun.oss.common.auth.CredentialsProvider;
import com.aliyun.oss.common.auth.DefaultCredentials;

/**
 * The one OSS {@link CredentialsProvider} of a client: each request is signed with the chain's current
 * credentials, renewed ahead of expiry. Loaded on the upload thread only (it names SDK types).
 */
public final class OssCredentialsProvider implements CredentialsProvider {
    private final RenewingCredentials renewing;

    public OssCredentialsProvider(ResolvedCredentials resolved) {
        this.renewing = resolved.renewing();
    }

    public RenewingCredentials renewing() {
        return renewing;
    }

    @Override
    public void setCredentials(com.aliyun.oss.common.auth.Credentials credentials) {
        throw new UnsupportedOperationException("the agent's credentials come from its chain");
    }

    @Override
    public com.aliyun.oss.common.auth.Credentials getCredentials() {
        Credentials current = renewing.current();
        return new DefaultCredentials(current.accessKeyId(), current.accessKeySecret(), current.securityToken());
    }
}
