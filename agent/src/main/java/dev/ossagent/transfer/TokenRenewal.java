package dev.ossagent.transfer;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClient;
import com.aliyun.oss.OSSException;
import dev.ossagent.credentials.Credentials;
import dev.ossagent.credentials.OssCredentialsProvider;
import dev.ossagent.credentials.RenewingCredentials;

/**
 * Lets {@link Retrier} renew a client's temporary credentials when OSS refuses them as expired or invalid
 * (SecurityTokenExpired, InvalidSecurityToken), then send the request once more.
 */
class TokenRenewal {
    static final TokenRenewal NONE = new TokenRenewal(null);

    private final RenewingCredentials renewing;

    TokenRenewal(RenewingCredentials renewing) {
        this.renewing = renewing;
    }

    /** The renewal of the client's credentials, or {@link #NONE} when they cannot be renewed. */
    static TokenRenewal of(OSS client) {
        if (client instanceof OSSClient
                && ((OSSClient) client).getCredentialsProvider() instanceof OssCredentialsProvider) {
            RenewingCredentials renewing = ((OssCredentialsProvider) ((OSSClient) client).getCredentialsProvider())
                    .renewing();
            return renewing.renewable() ? new TokenRenewal(renewing) : NONE;
        }
        return NONE;
    }

    /** The code when OSS refused the request's security token, else null. */
    static String rejectedToken(RuntimeException e) {
        if (e instanceof OSSException) {
            String code = ((OSSException) e).getErrorCode();
            if ("SecurityTokenExpired".equals(code) || "InvalidSecurityToken".equals(code)) {
                return code;
            }
        }
        return null;
    }

    /** What the next request will be signed with (compared after a refusal), or null. */
    Object current() {
        return renewing == null ? null : renewing.current();
    }

    /** Renews unless another request already did; true when the next attempt signs with other credentials. */
    boolean renew(Object signedWith, String code) {
        return renewing != null && renewing.renewAfterRejection((Credentials) signedWith, code);
    }
}
