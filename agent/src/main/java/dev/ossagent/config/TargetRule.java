package dev.ossagent.config;

import java.util.Collections;
import java.util.List;

/**
 * One watched class (and with {@code +} its subclasses and implementations), the method names watched
 * on it, and where their model path comes from. Comes from the settings or from a preset.
 */
public final class TargetRule {
    private final String className;
    private final boolean subtypes;
    private final List<String> methods;
    private final TargetPath path;
    private final String origin;

    TargetRule(String className, boolean subtypes, List<String> methods, TargetPath path, String origin) {
        this.className = className;
        this.subtypes = subtypes;
        this.methods = Collections.unmodifiableList(methods);
        this.path = path;
        this.origin = origin;
    }

    /** {@code com.example.Trainer} for both {@code com.example.Trainer} and {@code com.example.Trainer+}. */
    public String className() { return className; }
    /** True for {@code Name+}: every subclass and implementation too. */
    public boolean subtypes() { return subtypes; }
    public List<String> methods() { return methods; }
    public TargetPath path() { return path; }
    /** "settings", or "preset xgboost4j", for the startup line. */
    public String origin() { return origin; }

    /** {@code com.example.Trainer+#fit,save} as a user would write it. */
    @Override
    public String toString() {
        return className + (subtypes ? "+" : "") + "#" + String.join(",", methods);
    }
}
