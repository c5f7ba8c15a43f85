package dev.ossagent.download;

import dev.ossagent.log.Printable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Where a file of a run goes inside the download folder. The names come from a manifest, which is data from the
 * bucket: a name that is absolute, has a drive letter, a {@code .} or {@code ..} or empty segment, a backslash or a
 * control character is refused, and the folders on the way are created one at a time without following links, so
 * a link planted in the folder (or an existing file where a folder should be) cannot send a write elsewhere.
 */
public final class LocalTarget {
    /** Suffix of the partial file written beside the target while it downloads. */
    public static final String PARTIAL_SUFFIX = ".oss-agent-part";

    private LocalTarget() {
    }

    /** Why {@code name} (a key relative to the run's folder) cannot be a path inside the folder, or null. */
    public static String problem(String name) {
        if (name.isEmpty()) {
            return "it is empty";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Printable.needsEscape(c)) {
                return "it holds a control character";
            }
            if (c == '\\') {
                return "it holds a backslash";
            }
        }
        if (name.startsWith("/")) {
            return "it is an absolute path";
        }
        String[] segments = name.split("/", -1);
        if (segments[0].length() >= 2 && segments[0].charAt(1) == ':' && Character.isLetter(segments[0].charAt(0))) {
            return "it starts with a drive letter";
        }
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.equals("..") || segment.equals(".")) {
                return "it has a \"" + segment + "\" segment";
            }
            if (segment.isEmpty()) {
                return i == segments.length - 1 ? "it names a folder" : "it has an empty segment (//)";
            }
        }
        if (name.endsWith(PARTIAL_SUFFIX)) {
            return "it ends with " + PARTIAL_SUFFIX + ", the name of partial downloads";
        }
        return null;
    }

    /**
     * The path of {@code name} in {@code dir} (a real path), its parent folders created as needed.
     *
     * @throws UnsafeTarget when the name is refused or a folder on the way is a link or not a folder
     */
    public static Path prepare(Path dir, String name) throws UnsafeTarget, IOException {
        String problem = problem(name);
        if (problem != null) {
            throw new UnsafeTarget("refused: " + problem + "; nothing is written for it");
        }
        String[] segments = name.split("/");
        Path folder = dir;
        for (int i = 0; i < segments.length - 1; i++) {
            folder = folder.resolve(segments[i]);
            if (Files.isSymbolicLink(folder)) {
                throw new UnsafeTarget(folder + " is a symbolic link; it is not followed, nothing is written for it");
            }
            if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(folder);
            } else if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                throw new UnsafeTarget(folder + " is not a folder; nothing is written for it");
            }
        }
        Path target = folder.resolve(segments[segments.length - 1]);
        if (!target.normalize().startsWith(dir)) {
            throw new UnsafeTarget("refused: it leads out of " + dir + "; nothing is written for it");
        }
        if (Files.isSymbolicLink(target)) {
            throw new UnsafeTarget(target + " is a symbolic link; it is not followed or replaced");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnsafeTarget(target + " exists and is not a regular file; it is left alone");
        }
        return target;
    }

    /** The partial file beside a target. */
    public static Path partial(Path target) {
        return target.resolveSibling(target.getFileName() + PARTIAL_SUFFIX);
    }
}
