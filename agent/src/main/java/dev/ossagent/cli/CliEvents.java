package dev.ossagent.cli;

import dev.ossagent.config.Observability;
import dev.ossagent.config.RawSettings;
import dev.ossagent.config.SettingNames;
import dev.ossagent.config.Settings;
import dev.ossagent.config.SettingsException;
import dev.ossagent.events.Events;
import dev.ossagent.log.AgentLog;
import java.io.IOException;

/**
 * {@code ossagent.events.file} for {@code resume}: the files it finishes get their {@code file} events (and the
 * manifest and LATEST theirs) in the same file the agent wrote to, so a pipeline sees them verified at last.
 */
final class CliEvents {
    private CliEvents() {
    }

    /** The events sink the settings ask for, or null. */
    static Events open(Settings settings, CliContext context, CommonOptions options) throws CliException {
        RawSettings raw = CliSettings.raw(options, context);
        if (raw.get(SettingNames.EVENTS_FILE) == null) {
            return null;
        }
        String target;
        try {
            target = Observability.parse(raw).eventsFile();
        } catch (SettingsException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
        if (target == null) {
            return null;
        }
        try {
            return Events.open(target, settings.run().id());
        } catch (IOException e) {
            AgentLog.warn("cannot open the events file " + target + " (" + e.getMessage() + "); no events are written ("
                    + SettingNames.EVENTS_FILE + ")");
            return null;
        }
    }
}
