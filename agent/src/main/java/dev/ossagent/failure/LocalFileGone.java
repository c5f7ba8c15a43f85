package dev.ossagent.failure;

import java.nio.file.Path;

/** The file to upload no longer exists: nothing is left to send for it. */
public final class LocalFileGone extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LocalFileGone(Path path) {
        super(path + " no longer exists");
    }
}
