package dev.ossagent.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ossagent.tags=k=v,...}: the tags every uploaded object gets, within OSS's limits (at most 10 per object,
 * keys 1 to 128 characters, values 0 to 256).
 */
public final class ObjectTags {
    static final int MAX_TAGS = 10;
    static final int MAX_KEY = 128;
    static final int MAX_VALUE = 256;

    private ObjectTags() {
    }

    /** The tags in the order given; empty when unset. */
    static Map<String, String> parse(String value) throws SettingsException {
        Map<String, String> tags = new LinkedHashMap<>();
        if (value == null || value.isEmpty()) {
            return Collections.emptyMap();
        }
        for (String item : value.split(",")) {
            if (item.trim().isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            String key = (eq < 0 ? item : item.substring(0, eq)).trim();
            String tagValue = eq < 0 ? "" : item.substring(eq + 1).trim();
            String problem = key.isEmpty() ? "a tag has no key"
                    : key.length() > MAX_KEY ? "the key " + OneLine.of(key) + " is longer than " + MAX_KEY + " characters"
                    : tagValue.length() > MAX_VALUE ? "the value of " + OneLine.of(key) + " is longer than " + MAX_VALUE
                            + " characters"
                    : KeyPart.hasControl(key) || KeyPart.hasControl(tagValue) ? "the tag " + OneLine.of(key) + " holds a control character"
                    : tags.containsKey(key) ? "the key " + OneLine.of(key) + " is given twice"
                    : null;
            if (problem != null) {
                throw new SettingsException(OneLine.setting(SettingNames.TAGS, value) + " is not a tag list: " + problem
                        + "; write key=value pairs, for example " + SettingNames.TAGS + "=project=rssm,team=ml");
            }
            tags.put(key, tagValue);
        }
        if (tags.size() > MAX_TAGS) {
            throw new SettingsException(OneLine.setting(SettingNames.TAGS, value) + " has " + tags.size()
                    + " tags; OSS allows at most " + MAX_TAGS + " per object");
        }
        return Collections.unmodifiableMap(tags);
    }
}
