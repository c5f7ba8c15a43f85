package dev.ossagent.credentials;

/**
 * A credential source could not be used. The message is one line that names the file, variable
 * or tier at fault and what to do; it never contains a secret.
 */
public final class CredentialsException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The problem alone, without the file name or advice: the chain's summary line reuses it. */
    private final String problem;

    public CredentialsException(String message) {
        this(message, message);
    }

    CredentialsException(String message, String problem) {
        super(message);
        this.problem = problem;
    }

    String problem() {
        return problem;
    }
}
