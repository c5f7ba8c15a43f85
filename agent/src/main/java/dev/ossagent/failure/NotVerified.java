package dev.ossagent.failure;

/**
 * An upload that could not be proven complete: the object in OSS differs from the local file, or the file
 * kept changing while it was sent. Never reported as uploaded; the journal keeps the file.
 */
public final class NotVerified extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotVerified(String message) {
        super(message);
    }
}
