package dev.ossagent.failure;

/**
 * Under {@code ossagent.overwrite=false}, the object is already in OSS with other content: this file can never be
 * uploaded there, so it is dropped from the journal rather than retried, and its set gets no manifest.
 */
public final class ObjectExists extends RuntimeException {
    /** OSS's error code (409) for a write that {@code x-oss-forbid-overwrite} refused. */
    public static final String CODE = "FileAlreadyExists";

    public ObjectExists(String message) {
        super(message, null, false, false);
    }
}
