package dev.ossagent.runs;

/**
 * Where runs live under {@code ossagent.model.prefix}: the prefix up to its first placeholder (all of it when it has
 * none) is listed, and a run is a folder below that, as deep as the placeholders' part of the prefix (one folder for
 * {@code models/${run}/}, two for {@code models/${date}/${run}/}; one below a prefix without placeholders).
 */
public final class RunPrefix {
    private final String base;
    private final int depth;

    private RunPrefix(String base, int depth) {
        this.base = base;
        this.depth = depth;
    }

    /** @param written the setting as written (backslashes and a missing final '/' allowed, as for uploads) */
    public static RunPrefix of(String written) {
        String modelPrefix = written.replace('\\', '/');
        modelPrefix = modelPrefix.isEmpty() || modelPrefix.endsWith("/") ? modelPrefix : modelPrefix + "/";
        int placeholder = modelPrefix.indexOf("${");
        if (placeholder < 0) {
            return new RunPrefix(modelPrefix, 1);
        }
        String rest = modelPrefix.substring(placeholder);
        int depth = 0;
        for (int i = 0; i < rest.length(); i++) {
            depth += rest.charAt(i) == '/' ? 1 : 0;
        }
        return new RunPrefix(modelPrefix.substring(0, placeholder), Math.max(1, depth));
    }

    /** The static part, listed. */
    public String base() { return base; }

    /** The run folder a key lies in ({@code base + name + "/"}), or null for a key above run folders. */
    public String folderOf(String key) {
        if (!key.startsWith(base)) {
            return null;
        }
        int end = base.length();
        for (int i = 0; i < depth; i++) {
            int slash = key.indexOf('/', end);
            if (slash < 0) {
                return null;
            }
            end = slash + 1;
        }
        return key.substring(0, end);
    }

    /** A folder's name as a run, its path below the base without the final '/'; the base itself by its key. */
    public String nameOf(String folder) {
        if (folder.length() <= base.length()) {
            return folder;
        }
        return folder.substring(base.length(), folder.length() - 1);
    }
}
