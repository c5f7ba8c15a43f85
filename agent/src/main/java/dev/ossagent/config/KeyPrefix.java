package dev.ossagent.config;

import dev.ossagent.log.Printable;

/**
 * {@code ossagent.model.prefix} / {@code ossagent.data.prefix}: checked with the other settings, so a prefix that
 * cannot begin an OSS key fails before training, not after it. Backslashes become {@code /} (a Windows habit);
 * a missing final {@code /} is added.
 */
final class KeyPrefix {
    private KeyPrefix() {
    }

    static String parse(String name, String value) throws SettingsException {
        String prefix = value.replace('\\', '/');
        String problem = problem(prefix);
        if (problem != null) {
            throw new SettingsException(OneLine.setting(name, value) + " cannot begin an OSS object key: " + problem
                    + "; write it as folder/sub/, for example " + name + "=models/");
        }
        return prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    }

    /** Why the prefix cannot be used, or null. */
    private static String problem(String prefix) {
        if (prefix.startsWith("/")) {
            return "it starts with /";
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Printable.needsEscape(prefix.charAt(i))) {
                return "it holds a control character";
            }
        }
        String[] segments = prefix.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            boolean last = i == segments.length - 1;
            if (segments[i].equals("..") || segments[i].equals(".")) {
                return "it has a \"" + segments[i] + "\" segment";
            }
            if (segments[i].isEmpty() && !last) {
                return "it has an empty segment (//)";
            }
        }
        return null;
    }
}
