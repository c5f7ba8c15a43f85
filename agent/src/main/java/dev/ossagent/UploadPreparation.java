package dev.ossagent;

import dev.ossagent.config.RawSettings;
import dev.ossagent.config.Run;
import dev.ossagent.config.SettingNames;
import dev.ossagent.config.Settings;
import dev.ossagent.config.SettingsException;
import dev.ossagent.instrument.TrainBridge;
import dev.ossagent.journal.PendingCount;
import dev.ossagent.journal.StateDir;
import dev.ossagent.log.AgentLog;
import dev.ossagent.restore.RestoreOnStart;
import dev.ossagent.preflight.Preflight;
import dev.ossagent.trigger.ExitHook;
import dev.ossagent.trigger.UploadOnReturn;
import dev.ossagent.trigger.UploadQueue;
import dev.ossagent.trigger.UploadSession;
import java.lang.instrument.Instrumentation;
import java.util.Locale;

/**
 * What a trainer's JVM needs once its first target class loads: all settings parsed and checked, the
 * destination line, the upload queue the exit hook waits for, the pending journal entries announced, and
 * the listener that train's return reaches. Broken settings stop here, with one line, and nothing is woven; so
 * does a rank that {@code ossagent.upload.ranks} leaves out.
 */
final class UploadPreparation {
    private final RawSettings raw;
    private final ExitHook exitHook;
    private final Instrumentation instrumentation;

    UploadPreparation(RawSettings raw, ExitHook exitHook, Instrumentation instrumentation) {
        this.raw = raw;
        this.exitHook = exitHook;
        this.instrumentation = instrumentation;
    }

    /** @return false when the upload cannot work: then no class is woven */
    boolean prepare() {
        Settings settings;
        try {
            settings = Settings.parse(raw);
        } catch (SettingsException e) {
            AgentLog.error(e.getMessage() + "; the trainer runs on without automatic upload");
            return false;
        }
        RestoreOnStart.run(settings); // before the target runs: its resume logic then finds the files
        Run run = settings.run();
        if (!settings.uploadRanks().allows(run.rank())) {
            AgentLog.info("rank " + run.rankOrZero() + " does not upload (" + SettingNames.UPLOAD_RANKS + "="
                    + settings.uploadRanks() + "); this process sends nothing");
            return false;
        }
        AgentLog.info("uploads go to " + settings.endpoint() + (settings.dryRun() ? " (dry run)" : "") + ", "
                + settings.uploadMode().name().toLowerCase(Locale.ROOT));
        if (settings.endpoint().regionGuessed()) {
            AgentLog.info("no region in endpoint " + settings.endpoint().host() + "; signing for "
                    + settings.endpoint().region() + " (set ossagent.region to change it)");
        }
        StateDir stateDir = StateDir.at(settings.stateDir());
        UploadQueue queue = new UploadQueue(new UploadSession(settings, stateDir));
        exitHook.watch(queue, settings.exitTimeout(), settings.exitFailureCode());
        // Events and JMX: not a class of theirs is loaded unless one is asked for (or JMX is in use already).
        boolean management = raw.get(SettingNames.JMX) == null && managementLoaded();
        if ((management || raw.get(SettingNames.EVENTS_FILE) != null || raw.get(SettingNames.LOG_FORMAT) != null
                || raw.get(SettingNames.JMX) != null)
                && !PlatformView.connect(raw, run, queue.progress(), management)) {
            return false;
        }
        SpotSafety.watch(settings, queue, exitHook);
        PendingCount.announce(stateDir, settings.file());
        TrainBridge.setListener(new UploadOnReturn(settings, stateDir, queue));
        Preflight.start(settings);
        return true;
    }

    /** Whether anything in this JVM has used java.lang.management yet (jmx_exporter, JMX remote, a profiler). */
    private boolean managementLoaded() {
        for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
            if (loaded.getName().equals("java.lang.management.ManagementFactory")) {
                return true;
            }
        }
        return false;
    }
}
