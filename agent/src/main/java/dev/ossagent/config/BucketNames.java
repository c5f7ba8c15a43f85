package dev.ossagent.config;

/** OSS bucket naming rules, checked before any request so a typo gets a precise answer. */
public final class BucketNames {
    private BucketNames() {
    }

    /** What is wrong with the name, or null when it is valid. */
    public static String problem(String name) {
        if (name.length() < 3 || name.length() > 63) {
            return "it must be 3 to 63 characters long";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok) {
                return "only lower-case letters, digits and '-' are allowed (found '" + c + "')";
            }
        }
        if (name.startsWith("-") || name.endsWith("-")) {
            return "it must not start or end with '-'";
        }
        return null;
    }
}
