package dev.ossagent.config;

import static dev.ossagent.config.SettingNames.TARGET_CLASS;
import static dev.ossagent.config.SettingNames.TARGET_METHOD;

import java.util.List;

/**
 * What premain needs: the classes and the method to watch. Everything else is parsed when a target class
 * loads, so that a JVM that never loads one (the agent in JAVA_TOOL_OPTIONS of unrelated tools) pays
 * for reading one small file and nothing more.
 */
public final class Targets {
    private final List<String> classes;
    private final String method;

    private Targets(List<String> classes, String method) {
        this.classes = classes;
        this.method = method;
    }

    /** For the agent: a target class is required. */
    public static Targets parse(RawSettings raw) throws SettingsException {
        return parse(raw, true);
    }

    static Targets parse(RawSettings raw, boolean forAgent) throws SettingsException {
        if (forAgent && raw.file() == null && !raw.hasAnySetting()) {
            throw new SettingsException("no settings file was given and no ossagent.* setting is in the environment"
                    + " or -D; name the file after the jar: -javaagent:/path/to/oss-agent.jar=/path/to/oss-agent.properties");
        }
        List<String> classes = raw.list(TARGET_CLASS, null);
        if (forAgent && classes.isEmpty()) {
            throw new SettingsException(TARGET_CLASS + " is not set" + raw.where(true)
                    + "; name the trainer class, for example " + TARGET_CLASS + "=com.example.Trainer");
        }
        String method = raw.get(TARGET_METHOD);
        return new Targets(classes, method == null || method.isEmpty() ? "train" : method);
    }

    public List<String> classes() {
        return classes;
    }

    public String method() {
        return method;
    }
}
