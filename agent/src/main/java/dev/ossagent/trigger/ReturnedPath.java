package dev.ossagent.trigger;

import java.io.File;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

/** Reads a target's model path (returned or passed) as a local path: String, Path, File or a {@code file:} URI (or such a string). */
final class ReturnedPath {
    private ReturnedPath() {
    }

    /** The path, or null when the value is not one ({@link #describe} says why). */
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
                return isFileUri(uri) ? Paths.get(uri) : null;
            }
            if (returned instanceof CharSequence) {
                String text = returned.toString().trim();
                if (text.isEmpty() || schemeOf(text) != null) {
                    return text.regionMatches(true, 0, "file:", 0, 5) ? Paths.get(URI.create(text)) : null;
                }
                return Paths.get(text);
            }
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }

    /**
     * The scheme of a location that is not a local file ({@code hdfs}, {@code s3}, {@code oss}, {@code https}),
     * given as text or as an absolute URI; null for local paths and anything else.
     */
    static String remoteScheme(Object value) {
        String scheme = null;
        if (value instanceof URI) {
            scheme = ((URI) value).getScheme();
        } else if (value instanceof CharSequence) {
            scheme = schemeOf(value.toString().trim());
        }
        return scheme == null || scheme.toLowerCase(Locale.ROOT).equals("file") ? null : scheme.toLowerCase(Locale.ROOT);
    }

    /**
     * Why {@link #of} gave null, for the one warning: the value's type, or for text only its shape.
     * The value itself is not shown: its toString() may be huge, or a URL holding a token.
     */
    static String describe(Object returned) {
        // Locations that are not local files have had their note (remoteScheme) before it comes to this.
        if (returned instanceof CharSequence) {
            String text = returned.toString().trim();
            return text.isEmpty() ? "an empty string, not a path" : "a string that is not a valid path" + reason(text);
        }
        if (returned instanceof URI) {
            return "a URI that is not a local file path";
        }
        return "a " + returned.getClass().getName() + ", not a path";
    }

    private static String reason(String text) {
        try {
            if (schemeOf(text) != null) {
                Paths.get(URI.create(text));
            } else {
                Paths.get(text);
            }
            return "";
        } catch (InvalidPathException e) {
            return " (" + e.getReason() + ")";
        } catch (RuntimeException e) {
            return " (" + e.getClass().getSimpleName() + ")";
        }
    }

    private static boolean isFileUri(URI uri) {
        return uri.getScheme() != null && uri.getScheme().toLowerCase(Locale.ROOT).equals("file");
    }

    /**
     * {@code https} for "https://host/x", {@code file} for "file:/x"; null for plain paths. A single
     * letter before ':' is a Windows drive, not a scheme.
     */
    static String schemeOf(String text) {
        int colon = text.indexOf(':');
        if (colon < 2) {
            return null;
        }
        for (int i = 0; i < colon; i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
            if (!ok) {
                return null;
            }
        }
        String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
        return scheme.equals("file") || text.startsWith("//", colon + 1) ? scheme : null;
    }
}
