package dev.ossagent.credentials;

/**
 * A credential source could not be used. The message is one line that names the file, variable
 * or tier at fault and what to do; it never contains a secret.
 */
public final class CredentialsException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The problem alone, without the file name or advice: the chain's summary line reuses it. */
    private final String problem;
    /** The tier is simply not set up here (no file, no metadata service): no warning, only the summary. */
    private final boolean absent;

    public CredentialsException(String message) {
        this(message, message);
    }

    CredentialsException(String message, String problem) {
        this(message, problem, false);
    }

    private CredentialsException(String message, String problem, boolean absent) {
        super(message);
        this.problem = problem;
        this.absent = absent;
    }

    /** A tier that does not apply here, e.g. no metadata service on a machine that is not ECS. */
    static CredentialsException absent(String problem) {
        return new CredentialsException(problem, problem, true);
    }

    boolean absent() {
        return absent;
    }

    String problem() {
        return problem;
    }
}
