package dev.ossagent;

import dev.ossagent.config.Settings;
import dev.ossagent.log.AgentLog;
import dev.ossagent.preemption.PreemptionNotice;
import dev.ossagent.preemption.PreemptionWatch;
import dev.ossagent.trigger.ExitHook;
import dev.ossagent.trigger.UploadQueue;
import java.time.Instant;

/**
 * Spot-safe training, wired when the first target class loads: the preemption watcher switches the queue to
 * rescue order and the exit hook to the notice's deadline, and says so in one line. A call of its own beside
 * the others made at that moment (the preflight, the restore).
 */
final class SpotSafety {
    private SpotSafety() {
    }

    static void watch(Settings settings, UploadQueue queue, ExitHook exitHook) {
        try {
            PreemptionWatch.start(settings.preemption(), settings.ecsMetadataEndpoint(), System.getenv(), notice -> {
                // The exit hook first: on SIGTERM the JVM's own handler starts it right after this returns.
                exitHook.preempted(notice.deadline());
                PreemptionNotice told = notice.withOrder(queue.rescue(notice.deadline()));
                AgentLog.warn(told.line(Instant.now()));
            });
        } catch (RuntimeException | LinkageError e) {
            AgentLog.error("the preemption watcher could not start (" + e + "); uploads go on as usual");
        }
    }
}
