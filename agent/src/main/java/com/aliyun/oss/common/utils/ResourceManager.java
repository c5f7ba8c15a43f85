package com.aliyun.oss.common.utils;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Replaces the aliyun-sdk-oss class of the same name in the shaded jar (the SDK's copy is filtered
 * out in agent/pom.xml). The SDK's message bundles {@code common} and {@code oss} sit at the root of
 * its jar, where a trainer's own {@code common.properties} would shadow them; shading moves them to
 * {@code dev/ossagent/shaded/sdk/}, and this class looks there first. Unshaded (unit tests) it finds
 * them at the root as the SDK does. Same API as the SDK's class.
 */
public class ResourceManager {
    private static final String RELOCATED = "dev.ossagent.shaded.sdk.";

    private ResourceBundle bundle;

    ResourceManager(String baseName, Locale locale) {
        try {
            bundle = ResourceBundle.getBundle(RELOCATED + baseName, locale);
        } catch (MissingResourceException e) {
            bundle = ResourceBundle.getBundle(baseName, locale);
        }
    }

    public static ResourceManager getInstance(String baseName) {
        return new ResourceManager(baseName, Locale.getDefault());
    }

    public static ResourceManager getInstance(String baseName, Locale locale) {
        return new ResourceManager(baseName, locale);
    }

    public String getString(String key) {
        return bundle.getString(key);
    }

    public String getFormattedString(String key, Object... args) {
        return MessageFormat.format(getString(key), args);
    }
}
