package dev.ossagent.config;

import static dev.ossagent.config.SettingNames.TARGET_PATH;

import java.util.Locale;

/**
 * {@code ossagent.target.path}: where a target method's model path comes from. {@code auto} (the default)
 * takes the return value when the method returns a path, else its first Path/File/URI parameter, else
 * its first String parameter; {@code return} only the return value; {@code argN} only the N-th
 * parameter (1-based).
 */
public final class TargetPath {
    public static final TargetPath AUTO = new TargetPath(0);
    public static final TargetPath RETURN = new TargetPath(-1);

    /** 0 auto, -1 return, N the N-th parameter. */
    private final int source;

    private TargetPath(int source) {
        this.source = source;
    }

    public static TargetPath argument(int oneBased) {
        if (oneBased < 1) {
            throw new IllegalArgumentException("parameters count from 1: " + oneBased);
        }
        return new TargetPath(oneBased);
    }

    static TargetPath parse(String value) throws SettingsException {
        String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (text.isEmpty() || text.equals("auto")) {
            return AUTO;
        }
        if (text.equals("return")) {
            return RETURN;
        }
        if (text.matches("arg[1-9][0-9]{0,2}")) {
            return argument(Integer.parseInt(text.substring(3)));
        }
        throw new SettingsException(TARGET_PATH + "=" + OneLine.of(value) + " is not a path source; write auto, return,"
                + " or argN for the N-th parameter (arg1 is the first)");
    }

    public boolean isAuto() {
        return source == 0;
    }

    public boolean isReturn() {
        return source < 0;
    }

    /** The 1-based parameter number, or 0 for auto and return. */
    public int argument() {
        return Math.max(0, source);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TargetPath && ((TargetPath) other).source == source;
    }

    @Override
    public int hashCode() {
        return source;
    }

    @Override
    public String toString() {
        return source == 0 ? "auto" : source < 0 ? "return" : "arg" + source;
    }
}
