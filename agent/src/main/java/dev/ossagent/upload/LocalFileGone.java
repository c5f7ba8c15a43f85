package dev.ossagent.upload;

import java.nio.file.Path;

/** The file to upload no longer exists: nothing is left to send for it. */
final class LocalFileGone extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LocalFileGone(Path path) {
        super(path + " no longer exists");
    }
}
