package dev.ossagent.instrument;

import dev.ossagent.config.TargetPath;
import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where one target method's model path comes from, decided once when the method is woven, from its declared
 * types alone (no class is loaded), and applied to each call's return value and arguments ({@link #pick}).
 * {@code auto}: a returned path type, else the first Path/File/URI parameter, else the first String
 * parameter (unless it also takes a stream it writes to), else whatever object it returns (a warning
 * names it when it is not a path).
 */
public final class PathRule {
    /** Declared types whose value may be a path: auto looks at the return value only for these. */
    private static final Set<String> MAY_RETURN_PATH = new HashSet<>(Arrays.asList("java.lang.String",
            "java.lang.CharSequence", "java.nio.file.Path", "java.io.File", "java.net.URI", "java.lang.Object"));
    private static final Set<String> PATH_PARAMETERS = new HashSet<>(Arrays.asList("java.nio.file.Path",
            "java.io.File", "java.net.URI"));
    private static final Set<String> TEXT_PARAMETERS = new HashSet<>(Arrays.asList("java.lang.String",
            "java.lang.CharSequence"));
    /** A method that takes one of these writes to it, not to a path: auto takes no String parameter for a path. */
    private static final Set<String> SINKS = new HashSet<>(Arrays.asList("java.io.OutputStream", "java.io.Writer",
            "java.io.DataOutput", "java.io.ObjectOutput", "java.nio.channels.WritableByteChannel",
            "java.nio.ByteBuffer"));
    private static final Set<String> PRIMITIVES = new HashSet<>(Arrays.asList("void", "boolean", "byte", "char",
            "short", "int", "long", "float", "double"));

    private final boolean fromReturn;
    /** 0-based parameter index, -1 for none. */
    private final int parameter;
    private final String skipReason;

    private PathRule(boolean fromReturn, int parameter, String skipReason) {
        this.fromReturn = fromReturn;
        this.parameter = parameter;
        this.skipReason = skipReason;
    }

    /**
     * @param returnType     binary name of the declared return type ({@code void}, {@code int}, {@code java.lang.String})
     * @param parameterTypes binary names of the declared parameter types
     */
    public static PathRule decide(TargetPath setting, String returnType, List<String> parameterTypes) {
        if (setting.isReturn()) {
            return PRIMITIVES.contains(returnType)
                    ? skip("returns " + returnType + ", not a path (ossagent.target.path=return)")
                    : new PathRule(true, -1, null);
        }
        if (!setting.isAuto()) {
            int n = setting.argument();
            if (n > parameterTypes.size()) {
                return skip("has no parameter " + n + " (ossagent.target.path=" + setting + ")");
            }
            String type = parameterTypes.get(n - 1);
            return PRIMITIVES.contains(type)
                    ? skip("takes " + article(type) + " as parameter " + n + ", not a path (ossagent.target.path="
                            + setting + ")")
                    : new PathRule(false, n - 1, null);
        }
        boolean fromReturn = MAY_RETURN_PATH.contains(returnType);
        int parameter = first(parameterTypes, PATH_PARAMETERS);
        int sink = first(parameterTypes, SINKS);
        if (parameter < 0 && sink < 0) {
            parameter = first(parameterTypes, TEXT_PARAMETERS);
        }
        if (!fromReturn && parameter < 0) {
            if (sink >= 0) {
                // saveModel(OutputStream, String format): the String is not where it writes.
                return skip("writes to " + article(parameterTypes.get(sink)) + ", not to a path");
            }
            if (PRIMITIVES.contains(returnType)) {
                return skip("returns " + returnType + " and takes no path parameter (String, Path, File or URI)");
            }
            // Nothing else to look at: what it returns is looked at, and named if it is not a path.
            fromReturn = true;
        }
        return new PathRule(fromReturn, parameter, null);
    }

    private static PathRule skip(String reason) {
        return new PathRule(false, -1, reason);
    }

    private static int first(List<String> types, Set<String> wanted) {
        for (int i = 0; i < types.size(); i++) {
            if (wanted.contains(types.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String article(String type) {
        return ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
    }

    /** Null when the method can be woven; otherwise why it has no usable path, for its one note. */
    public String skipReason() {
        return skipReason;
    }

    /**
     * The 1-based number of the parameter that holds this call's path, or 0 for the return value: the return
     * value when this rule reads it and it is a path (with {@code return}, or with no parameter to fall back
     * to, whatever it is, for its warning), else the parameter. -1: nothing to look at (a null return value
     * and no parameter).
     */
    public int source(Object returned) {
        if (fromReturn && returned != null && (parameter < 0 || isPathValue(returned))) {
            return 0;
        }
        return parameter >= 0 ? parameter + 1 : -1;
    }

    /** This call's path value (null for none): the return value or the argument {@link #source} names. */
    public Object pick(Object returned, Object[] arguments) {
        int source = source(returned);
        if (source < 0) {
            return null;
        }
        return source == 0 ? returned : arguments[source - 1];
    }

    private static boolean isPathValue(Object value) {
        return value instanceof CharSequence || value instanceof Path || value instanceof File || value instanceof URI;
    }
}
