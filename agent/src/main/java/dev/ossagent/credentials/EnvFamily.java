package dev.ossagent.credentials;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One family of environment variables naming a key pair, e.g. {@code OSS_ACCESS_KEY_ID} /
 * {@code OSS_ACCESS_KEY_SECRET} (+ token). All-or-nothing: an id from one family is never paired
 * with a secret from another, since that pair would fail at OSS with a misleading signature error.
 */
final class EnvFamily {
    static final List<EnvFamily> ALL = List.of(
            new EnvFamily("OSS_*", "OSS_ACCESS_KEY_ID", "OSS_ACCESS_KEY_SECRET", "OSS_SESSION_TOKEN"),
            new EnvFamily("ALIBABA_CLOUD_*", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
                    "ALIBABA_CLOUD_SECURITY_TOKEN"),
            new EnvFamily("ALIYUN_*", "ALIYUN_ACCESS_KEY_ID", "ALIYUN_ACCESS_KEY_SECRET", null));

    /** How the family looked, for the summary when no tier yields credentials. */
    static final String NOT_SET = "not set";

    private final String name;
    private final String idVariable;
    private final String secretVariable;
    private final String tokenVariable;

    private EnvFamily(String name, String idVariable, String secretVariable, String tokenVariable) {
        this.name = name;
        this.idVariable = idVariable;
        this.secretVariable = secretVariable;
        this.tokenVariable = tokenVariable;
    }

    /** {@code OSS_ACCESS_KEY_ID/OSS_ACCESS_KEY_SECRET}. */
    String pair() {
        return idVariable + "/" + secretVariable;
    }

    /**
     * The family's credentials, or null when it is not completely set; then {@code status} receives
     * how it looked ({@link #NOT_SET}, "empty", ...) and {@code notes} a warning, unless it was plainly unset.
     */
    Credentials read(Map<String, String> environment, List<String> status, List<String> notes) {
        String rawId = environment.get(idVariable);
        String rawSecret = environment.get(secretVariable);
        String id = trimmed(rawId);
        String secret = trimmed(rawSecret);
        String token = tokenVariable == null ? "" : trimmed(environment.get(tokenVariable));

        if (!id.isEmpty() && !secret.isEmpty()) {
            return new Credentials(id, secret, token.isEmpty() ? null : token);
        }
        if (!id.isEmpty() || !secret.isEmpty()) {
            String present = id.isEmpty() ? secretVariable : idVariable;
            String missing = id.isEmpty() ? idVariable : secretVariable;
            String how = (id.isEmpty() ? rawId : rawSecret) == null ? "not set" : "empty";
            notes.add("environment: " + present + " is set but " + missing + " is "
                    + (how.equals("empty") ? "empty" : "not") + "; ignoring the " + name + " family");
            status.add("incomplete (" + missing + " " + how + ")");
            return null;
        }
        List<String> empty = new ArrayList<>();
        if (rawId != null) {
            empty.add(idVariable);
        }
        if (rawSecret != null) {
            empty.add(secretVariable);
        }
        if (!empty.isEmpty()) {
            notes.add("environment: " + String.join(" and ", empty) + (empty.size() == 1 ? " is" : " are")
                    + " set to an empty string; treating the " + name + " family as unset");
            status.add("empty");
            return null;
        }
        if (!token.isEmpty()) {
            notes.add("environment: " + tokenVariable + " is set but " + pair() + " are not; ignoring the token");
        }
        status.add(NOT_SET);
        return null;
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }
}
