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

    public static void check(String output) {
        assertFalse(output.contains(SECRET), "the secret appeared in output:\n" + output);
        assertFalse(output.contains(WRONG_SECRET), "a secret appeared in output:\n" + output);
    }
}
