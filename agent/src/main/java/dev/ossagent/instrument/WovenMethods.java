package dev.ossagent.instrument;

import dev.ossagent.config.TargetPath;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The path rule of every woven method, registered when it is woven and looked up on each of its calls. */
public final class WovenMethods {
    /** A method woven by no rule of this agent (cannot happen): the return value, as before path rules. */
    private static final PathRule RETURN_VALUE = PathRule.decide(TargetPath.RETURN, "java.lang.Object",
            Collections.<String>emptyList());
    private static final Map<String, PathRule> RULES = new ConcurrentHashMap<>();

    private WovenMethods() {
    }

    static void register(String className, String method, String descriptor, PathRule rule) {
        RULES.put(key(className, method, descriptor), rule);
    }

    /** @param className binary name of the declaring class */
    public static PathRule pathRule(String className, String method, String descriptor) {
        PathRule rule = RULES.get(key(className, method, descriptor));
        return rule != null ? rule : RETURN_VALUE;
    }

    private static String key(String className, String method, String descriptor) {
        return className + "#" + method + descriptor;
    }
}
