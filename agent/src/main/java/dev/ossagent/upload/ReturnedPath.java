package dev.ossagent.upload;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

/** Reads what {@code train} returned as a local path: String, Path, File or a {@code file:} URI. */
final class ReturnedPath {
    private ReturnedPath() {
    }

    /** The path, or null when the value is not one (the caller says so). */
    static Path of(Object returned) {
        try {
            if (returned instanceof Path) {
                return (Path) returned;
            }
            if (returned instanceof File) {
                return ((File) returned).toPath();
            }
            if (returned instanceof URI) {
                URI uri = (URI) returned;
                return "file".equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT))
                        ? Paths.get(uri) : null;
            }
            if (returned instanceof CharSequence) {
                String text = returned.toString().trim();
                return text.isEmpty() ? null : Paths.get(text);
            }
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }
}
