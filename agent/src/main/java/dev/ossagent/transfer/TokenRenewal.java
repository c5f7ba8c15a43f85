package dev.ossagent.transfer;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClient;
import com.aliyun.oss.OSSException;
import dev.ossagent.credentials.Credentials;
import dev.ossagent.credentials.OssCredentialsProvider;
import dev.ossagent.credentials.RenewingCredentials;
import java.net.URI;

/**
 * Lets {@link Retrier} renew a client's temporary credentials when OSS refuses them as expired or invalid
 * (SecurityTokenExpired, InvalidSecurityToken), then send the request once more.
 */
class TokenRenewal {
    static final TokenRenewal NONE = new TokenRenewal(null);

    private final RenewingCredentials renewing;
    /** The client's endpoint, for the server's clock when tokens are refused again and again; may be null. */
    private final URI endpoint;

    TokenRenewal(RenewingCredentials renewing) {
        this(renewing, null);
    }

    TokenRenewal(RenewingCredentials renewing, URI endpoint) {
        this.renewing = renewing;
        this.endpoint = endpoint;
    }

    /** The renewal of the client's credentials, or {@link #NONE} when they cannot be renewed. */
    static TokenRenewal of(OSS client) {
        if (client instanceof OSSClient
                && ((OSSClient) client).getCredentialsProvider() instanceof OssCredentialsProvider) {
            RenewingCredentials renewing = ((OssCredentialsProvider) ((OSSClient) client).getCredentialsProvider())
                    .renewing();
            return renewing.renewable() ? new TokenRenewal(renewing, ((OSSClient) client).getEndpoint()) : NONE;
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

    /** Whether the credentials a refused request was signed with had most of their lifetime left. */
    boolean hadMostOfLifetime(Object signedWith) {
        return renewing != null && signedWith instanceof Credentials
                && renewing.mostOfLifetimeLeft((Credentials) signedWith);
    }

    /** How far this clock is from the server's, or null when unknown. */
    String clockOffset() {
        return ServerClock.offset(endpoint);
    }

    /** Renews unless another request already did; true when the next attempt signs with other credentials. */
    boolean renew(Object signedWith, String code) {
        return renewing != null && renewing.renewAfterRejection((Credentials) signedWith, code);
    }
}
