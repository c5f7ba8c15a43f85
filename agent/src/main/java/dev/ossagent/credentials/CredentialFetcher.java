package dev.ossagent.credentials;

/** Fetches a fresh set of temporary credentials (from STS, the ECS metadata service, a URI or a file). */
@FunctionalInterface
interface CredentialFetcher {
    /** @throws CredentialsException with one line naming the tier and what is wrong, never a secret */
    Credentials fetch() throws CredentialsException;
}
