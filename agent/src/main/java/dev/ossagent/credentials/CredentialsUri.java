package dev.ossagent.credentials;

import java.io.IOException;
import java.util.Map;

/** {@code ALIBABA_CLOUD_CREDENTIALS_URI}: a local service answering JSON with Code and the credentials. */
final class CredentialsUri implements CredentialFetcher {
    static final int CONNECT_MILLIS = 5_000;
    static final int READ_MILLIS = 10_000;

    private final String uri;

    CredentialsUri(String uri) {
        this.uri = uri.trim();
    }

    @Override
    public Credentials fetch() throws CredentialsException {
        String where = HttpCall.shown(uri);
        HttpCall.Answer answer;
        try {
            answer = HttpCall.send("GET", uri, Map.of(), null, CONNECT_MILLIS, READ_MILLIS);
        } catch (IOException | IllegalArgumentException e) {
            throw new CredentialsException(where + " unreachable (" + HttpCall.why(e) + ")");
        }
        if (!answer.ok()) {
            throw new CredentialsException(where + " answered HTTP " + answer.status());
        }
        var json = JsonCredentials.parse(answer.body(), where);
        String code = json.optString("Code", "");
        if (!code.equals("Success")) {
            throw new CredentialsException(where + " answered Code "
                    + JsonCredentials.shownCode(code) + " instead of Success");
        }
        return JsonCredentials.read(json, where);
    }
}
