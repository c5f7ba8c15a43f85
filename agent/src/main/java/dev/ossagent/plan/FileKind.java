package dev.ossagent.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Says what a path that is neither a regular file nor a folder is, for a "skipping" note. Never opens it. */
final class FileKind {
    private static final int TYPE_MASK = 0170000;

    private FileKind() {
    }

    static String of(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return "no such file";
        }
        if (Files.isSymbolicLink(path) && !Files.exists(path)) {
            return "a symbolic link to " + target(path) + ", which does not exist";
        }
        try {
            // The "unix" view exists on Linux and macOS JDKs; elsewhere the generic wording below stands.
            int mode = (Integer) Files.getAttribute(path, "unix:mode");
            switch (mode & TYPE_MASK) {
                case 0010000: return "a named pipe, not a file";
                case 0020000: return "a character device, not a file";
                case 0060000: return "a block device, not a file";
                case 0140000: return "a socket, not a file";
                default: break;
            }
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException | SecurityException
                 | ClassCastException e) {
            // fall through
        }
        return "not a regular file (a pipe, socket or device)";
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return "a missing target";
        }
    }
}
