package dev.ossagent.failure;

/**
 * What OSS's refusal of the key itself means for the user: the one wording the agent and the command
 * line share. Only the code, the masked id and its source go in, never the secret.
 */
public final class KeyRejected {
    private KeyRejected() {
    }

    /**
     * The explanation and the fix, or null when the code is not about the key.
     *
     * @param key "id ****abcd from &lt;tier&gt;"
     */
    public static String explain(String code, String key, String endpoint) {
        switch (code == null ? "" : code) {
            case "SignatureDoesNotMatch":
                return "the access key secret for " + key + " was rejected by " + endpoint
                        + " (SignatureDoesNotMatch); check the secret";
            case "InvalidAccessKeyId":
                return "the access key " + key + " is unknown to " + endpoint + " (InvalidAccessKeyId); check the id";
            case "InvalidSecurityToken":
            case "SecurityTokenExpired":
                return "the security token of " + key + " was rejected (" + code + "); get a fresh STS token";
            default:
                return null;
        }
    }
}
