package dev.ossagent;

import dev.ossagent.config.Observability;
import dev.ossagent.config.RawSettings;
import dev.ossagent.config.Run;
import dev.ossagent.config.SettingNames;
import dev.ossagent.config.SettingsException;
import dev.ossagent.events.Events;
import dev.ossagent.jmx.Uploads;
import dev.ossagent.log.AgentLog;
import dev.ossagent.transfer.UploadProgress;
import java.io.IOException;
import java.util.Locale;

/**
 * Connects the upload totals to what the platform reads: the events file ({@code ossagent.events.file}) and the
 * JMX bean ({@code ossagent.jmx}). Loaded only when one of them is asked for (see {@link UploadPreparation}).
 */
final class PlatformView {
    private PlatformView() {
    }

    /**
     * @param managementInUse java.lang.management was loaded before the agent got here: JMX defaults to on
     * @return false when a setting is broken (said in one line)
     */
    static boolean connect(RawSettings raw, Run run, UploadProgress progress, boolean managementInUse) {
        Observability seen;
        try {
            seen = Observability.parse(raw);
        } catch (SettingsException e) {
            AgentLog.error(e.getMessage() + "; the trainer runs on without automatic upload");
            return false;
        }
        if (seen.jsonLog()) {
            AgentLog.jsonLines();
        }
        if (seen.eventsFile() != null) {
            try {
                progress.events(Events.open(seen.eventsFile(), run.id()));
                if (!Events.STDERR.equals(seen.eventsFile())) {
                    AgentLog.info("events: appending JSON lines to " + seen.eventsFile());
                }
            } catch (IOException e) {
                AgentLog.warn("cannot open the events file " + seen.eventsFile() + " (" + e.getMessage() + "); no"
                        + " events are written (" + SettingNames.EVENTS_FILE + ")");
            }
        }
        boolean jmx = seen.jmx() != null ? seen.jmx() : managementInUse;
        if (jmx) {
            // On the agent's own thread: where JMX was not in use yet, starting it takes 0.1 to 0.5 s (measured),
            // and this is the thread that loads the trainer's class.
            Thread thread = new Thread(() -> register(progress, seen.jmx() == null), "oss-agent-jmx");
            thread.setDaemon(true);
            thread.start();
        }
        return true;
    }

    private static void register(UploadProgress progress, boolean byDefault) {
        long start = System.nanoTime();
        try {
            Uploads.register(progress);
            AgentLog.info(String.format(Locale.ROOT, "JMX: %s registered in %.1f ms%s", Uploads.NAME,
                    (System.nanoTime() - start) / 1e6, byDefault ? " (java.lang.management was in use; "
                            + SettingNames.JMX + "=false turns it off)" : ""));
        } catch (Exception | LinkageError e) {
            AgentLog.warn("JMX: could not register " + Uploads.NAME + " (" + e + "); uploads go on without it");
        }
    }
}
