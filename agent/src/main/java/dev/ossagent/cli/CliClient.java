package dev.ossagent.cli;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import dev.ossagent.config.Settings;
import dev.ossagent.credentials.CredentialChain;
import dev.ossagent.credentials.CredentialsException;
import dev.ossagent.credentials.ResolvedCredentials;
import dev.ossagent.transfer.OssClients;

/** The agent's credential chain and OSS client, for commands that talk to OSS. */
final class CliClient {
    /** {@code test} answers quickly: short timeouts and no retries, so an unreachable endpoint fails in seconds. */
    static final int QUICK_CONNECT_MILLIS = 5_000;
    static final int QUICK_SOCKET_MILLIS = 15_000;

    private CliClient() {
    }

    static ResolvedCredentials credentials(Settings settings, CliContext context) throws CliException {
        try {
            return CredentialChain.of(settings, context.environment()).resolve();
        } catch (CredentialsException e) {
            throw new CliException(ExitCodes.NO_CREDENTIALS, e.getMessage());
        }
    }

    /** The agent's client; {@code quick} for {@code test}. Shut it down when done. */
    static OSS open(Settings settings, ResolvedCredentials credentials, boolean quick) {
        ClientBuilderConfiguration conf = OssClients.configuration(settings);
        if (quick) {
            conf.setConnectionTimeout(QUICK_CONNECT_MILLIS);
            conf.setSocketTimeout(QUICK_SOCKET_MILLIS);
            conf.setMaxErrorRetry(0);
        }
        return OssClients.create(settings, credentials, conf);
    }
}
