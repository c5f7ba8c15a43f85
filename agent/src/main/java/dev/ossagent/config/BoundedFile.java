package dev.ossagent.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Small files read whole (tokens, credentials and profiles, journal records) with a size limit fit for what
 * they are, and only when they are regular files: {@code /dev/zero} named as a token file would otherwise
 * fill the trainer's heap, and a named pipe would hang it. Links are followed (Kubernetes mounts tokens
 * through them).
 */
public final class BoundedFile {
    public static final int TOKEN_BYTES = 64 * 1024;
    public static final int PROFILE_BYTES = 1024 * 1024;

    /** Why a file was not read, as the end of a sentence that begins with the file's name. */
    public static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String why) {
            super(why);
        }
    }

    private BoundedFile() {
    }

    /** The file's text (strict UTF-8, as {@code Files.readString}), at most {@code maxBytes}. */
    public static String readText(Path file, int maxBytes) throws IOException {
        return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(read(file, maxBytes))).toString();
    }

    /** The file's bytes, at most {@code maxBytes}: more, or not a regular file, is {@link Refused}. */
    public static byte[] read(Path file, int maxBytes) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            throw new Refused(attributes.isDirectory() ? "is a folder, not a file"
                    : "is not a regular file (a device, named pipe or socket), so it is not read");
        }
        if (attributes.size() > maxBytes) {
            throw new Refused(tooLarge(maxBytes));
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(maxBytes + 1); // a file that grew since: still no more than the limit
            if (bytes.length > maxBytes) {
                throw new Refused(tooLarge(maxBytes));
            }
            return bytes;
        }
    }

    private static String tooLarge(int maxBytes) {
        return "is larger than the limit of " + (maxBytes >= 1024 * 1024 ? maxBytes / (1024 * 1024) + " MiB"
                : maxBytes / 1024 + " KiB") + " for such a file, so it is not read";
    }
}
