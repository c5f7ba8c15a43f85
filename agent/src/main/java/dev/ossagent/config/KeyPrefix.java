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

    /**
     * A prefix that may hold {@code ${run}}, {@code ${date}}, {@code ${host}}, {@code ${rank}}: checked as written,
     * then again with the run's values in (a value cannot add a segment, but the whole must still be a prefix).
     */
    static String parse(String name, String value, Run run) throws SettingsException {
        Placeholders.check(name, value, Placeholders.IN_PREFIXES);
        String written = parse(name, value);
        String expanded = run.expand(written);
        String problem = problem(expanded);
        if (problem != null) {
            throw new SettingsException(OneLine.setting(name, value) + " becomes " + OneLine.of(expanded)
                    + ", which cannot begin an OSS object key: " + problem);
        }
        return expanded;
    }

    /** An object key a setting names ({@code ossagent.latest}): as a prefix, but naming one object. */
    static String objectKey(String name, String value) throws SettingsException {
        String key = value.replace('\\', '/');
        String problem = key.endsWith("/") ? "it ends with / (that names a folder)"
                : key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 1023 ? "it is longer than 1023 bytes"
                : problem(key);
        if (problem != null) {
            throw new SettingsException(OneLine.setting(name, value) + " is not an OSS object key: " + problem
                    + "; for example " + name + "=models/LATEST.json");
        }
        return key;
    }

    /** OSS's limit on an object key, in UTF-8 bytes. */
    static final int MAX_KEY_BYTES = 1023;

    /** Why the prefix cannot be used, or null. */
    private static String problem(String prefix) {
        if (prefix.startsWith("/")) {
            return "it starts with /";
        }
        int bytes = prefix.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes >= MAX_KEY_BYTES) {
            // Checked at start-up, not after training: with any file name the key passes OSS's limit.
            return "it is " + bytes + " bytes, and with a file name after it no key fits OSS's " + MAX_KEY_BYTES
                    + "-byte limit";
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
