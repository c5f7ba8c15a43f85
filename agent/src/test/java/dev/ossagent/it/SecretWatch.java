package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The made-up secrets of the whole suite. Every captured output is checked against them, so a
 * secret that appears anywhere fails the test that printed it.
 */
public final class SecretWatch {
    public static final String KEY_ID = "LTAI-TESTKEYID0001";
    public static final String SECRET = "made-up-secret-never-printed-0001";
    public static final String WRONG_SECRET = "made-up-wrong-secret-0002";

    private SecretWatch() {
    }

    /** The OIDC token the integration tests' RRSA role presents. */
    public static final String OIDC_TOKEN = "oidc-token-never-printed-0003";

    /**
     * local-oss's fakes issue random secrets (40 base64url characters) and tokens starting "CAIS", as STS does;
     * no output may hold either, nor a run of exactly 40 such characters that could be one (a longer run is a
     * name, such as Spark's part-00000-UUID-c000 files).
     */
    private static final java.util.regex.Pattern ISSUED = java.util.regex.Pattern.compile(
            "CAIS|(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{40}(?![A-Za-z0-9_-])");

    public static void check(String output) {
        assertFalse(output.contains(SECRET), "the secret appeared in output:\n" + output);
        assertFalse(output.contains(WRONG_SECRET), "a secret appeared in output:\n" + output);
        assertFalse(output.contains(OIDC_TOKEN), "the OIDC token appeared in output:\n" + output);
        java.util.regex.Matcher issued = ISSUED.matcher(output);
        assertFalse(issued.find(), () -> "an issued secret or token may have appeared in output ('" + issued.group()
                + "'):\n" + output);
    }
}
