package dev.ossagent.credentials;

import org.codehaus.jettison.json.JSONException;
import org.codehaus.jettison.json.JSONObject;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Credentials in the JSON shape Alibaba Cloud uses everywhere: {@code AccessKeyId}, {@code AccessKeySecret},
 * {@code SecurityToken}, {@code Expiration} (ECS metadata, STS's {@code Credentials}, credentials URIs, the
 * OSS connector's and PAI's credentials file). Parsed with the JSON library the OSS SDK already brings.
 */
final class JsonCredentials {
    private JsonCredentials() {
    }

    /** @param where names the tier and source in a failure line */
    static JSONObject parse(String text, String where) throws CredentialsException {
        try {
            return new JSONObject(text);
        } catch (JSONException | RuntimeException e) {
            // The parser's message could quote the text, which holds the secret.
            throw new CredentialsException(where + ": the answer is not a JSON object");
        }
    }

    static Credentials read(JSONObject json, String where) throws CredentialsException {
        String id = json.optString("AccessKeyId", "").trim();
        String secret = json.optString("AccessKeySecret", "").trim();
        if (id.isEmpty() || secret.isEmpty()) {
            throw new CredentialsException(where + ": no AccessKeyId/AccessKeySecret in the answer");
        }
        String token = json.optString("SecurityToken", "").trim();
        return new Credentials(id, secret, token, expiration(json.optString("Expiration", "").trim(), where));
    }

    /** An error code as a service sent it, when it looks like one; a code is never a secret, other text may be. */
    static String shownCode(String code) {
        return code != null && code.matches("[A-Za-z0-9_.\\-]{1,80}") ? code : "(not shown)";
    }

    private static Instant expiration(String text, String where) throws CredentialsException {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new CredentialsException(where + ": Expiration '" + text + "' is not an ISO-8601 UTC time");
        }
    }
}
