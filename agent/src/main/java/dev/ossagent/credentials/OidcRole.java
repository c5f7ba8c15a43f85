package dev.ossagent.credentials;

import dev.ossagent.config.BoundedFile;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A role assumed with an OIDC token ({@code AssumeRoleWithOIDC}): RRSA on ACK. The token file is read again
 * at every fetch, since the kubelet rotates it; its content never appears in a message.
 */
final class OidcRole implements CredentialFetcher {
    private final StsClient sts;
    private final String roleArn;
    private final String providerArn;
    private final Path tokenFile;
    private final String sessionName;

    OidcRole(StsClient sts, String roleArn, String providerArn, Path tokenFile, String sessionName) {
        this.sts = sts;
        this.roleArn = roleArn;
        this.providerArn = providerArn;
        this.tokenFile = tokenFile;
        this.sessionName = sessionName;
    }

    @Override
    public Credentials fetch() throws CredentialsException {
        return sts.assumeRoleWithOidc(roleArn, providerArn, token(), sessionName);
    }

    private String token() throws CredentialsException {
        String token;
        try {
            token = BoundedFile.readText(tokenFile, BoundedFile.TOKEN_BYTES).trim();
        } catch (BoundedFile.Refused e) {
            throw new CredentialsException("OIDC token file " + tokenFile + " " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new CredentialsException("OIDC token file " + tokenFile + " not found");
        } catch (IOException | RuntimeException e) {
            throw new CredentialsException("OIDC token file " + tokenFile + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (token.isEmpty()) {
            throw new CredentialsException("OIDC token file " + tokenFile + " is empty");
        }
        return token;
    }

    /** A session name as Alibaba's own library makes one when none is given. */
    static String sessionName(String given) {
        return given == null || given.isBlank() ? "oss-agent-" + System.currentTimeMillis() : given.trim();
    }
}
