package dev.ossagent.config;

import java.nio.file.InvalidPathException;
import java.util.Locale;

/**
 * What the agent shows to the platform around it: {@code ossagent.events.file} (JSON lines, "-" for stderr),
 * {@code ossagent.log.format} ({@code text} or {@code json}) and {@code ossagent.jmx} (true, false, or unset: on
 * when the JVM already has {@code java.lang.management} in use). Read on its own, not by {@link Settings}, so a
 * JVM that sets none of them parses nothing more.
 */
public final class Observability {
    private final String eventsFile;
    private final boolean jsonLog;
    private final Boolean jmx;

    private Observability(String eventsFile, boolean jsonLog, Boolean jmx) {
        this.eventsFile = eventsFile;
        this.jsonLog = jsonLog;
        this.jmx = jmx;
    }

    public static Observability parse(RawSettings raw) throws SettingsException {
        String events = raw.get(SettingNames.EVENTS_FILE);
        if (events != null && events.isEmpty()) {
            events = null;
        }
        if (events != null && !events.equals("-")) {
            try {
                events = raw.baseDir().resolve(events).toString();
            } catch (InvalidPathException e) {
                throw new SettingsException(OneLine.setting(SettingNames.EVENTS_FILE, events) + " is not a path");
            }
        }
        String format = raw.get(SettingNames.LOG_FORMAT);
        boolean json = false;
        if (format != null && !format.isEmpty()) {
            switch (format.toLowerCase(Locale.ROOT)) {
                case "text": break;
                case "json": json = true; break;
                default: throw new SettingsException(OneLine.setting(SettingNames.LOG_FORMAT, format)
                        + " is not text or json");
            }
        }
        String jmx = raw.get(SettingNames.JMX);
        return new Observability(events, json, jmx == null || jmx.isEmpty() ? null
                : raw.bool(SettingNames.JMX, false));
    }

    /** A resolved path, "-" for stderr, or null (off). */
    public String eventsFile() {
        return eventsFile;
    }

    /** Every agent line a JSON object: asked for, or implied by events on stderr. */
    public boolean jsonLog() {
        return jsonLog || "-".equals(eventsFile);
    }

    /** True or false as set; null when unset (then it follows whether java.lang.management is in use). */
    public Boolean jmx() {
        return jmx;
    }
}
