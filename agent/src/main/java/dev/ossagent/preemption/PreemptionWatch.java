package dev.ossagent.preemption;

import dev.ossagent.config.PreemptionSettings;
import dev.ossagent.credentials.InstanceMetadata;
import dev.ossagent.log.AgentLog;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code ossagent.preemption=auto}: watches for the machine going away, by the ECS spot reclaim notice (polled
 * every {@code ossagent.preemption.poll}) and by SIGTERM (deadline: now + {@code ossagent.preemption.grace}),
 * and hands each source's first notice on. Started when the first target class loads, never in premain.
 */
public final class PreemptionWatch {
    private final Set<PreemptionNotice.Source> said = EnumSet.noneOf(PreemptionNotice.Source.class);
    private final Consumer<PreemptionNotice> listener;

    private PreemptionWatch(Consumer<PreemptionNotice> listener) {
        this.listener = listener;
    }

    /**
     * @param metadataEndpoint {@code ossagent.credentials.ecs-metadata-endpoint}, or null for the default
     * @param listener         gets each notice (at most one per source) on the thread that learned it: for
     *                         SIGTERM, before the JVM's own handler starts the shutdown hooks
     */
    public static void start(PreemptionSettings settings, String metadataEndpoint, Map<String, String> environment,
                             Consumer<PreemptionNotice> listener) {
        if (!settings.enabled()) {
            return;
        }
        if (settings.graceProblem() != null) {
            AgentLog.warn(settings.graceProblem());
        }
        PreemptionWatch watch = new PreemptionWatch(listener);
        SigtermWatch.install(() -> watch.notice(PreemptionNotice.Source.SIGTERM, Instant.now().plus(settings.grace())));
        InstanceMetadata metadata = InstanceMetadata.of(metadataEndpoint, environment);
        if (metadata != null) {
            new SpotNoticePoller(metadata, settings.poll(), time -> {
                if (time.problem != null) {
                    AgentLog.warn(time.problem);
                }
                watch.notice(PreemptionNotice.Source.ECS_SPOT, time.deadline);
            }).start();
        }
    }

    private void notice(PreemptionNotice.Source source, Instant deadline) {
        synchronized (said) {
            if (!said.add(source)) {
                return;
            }
        }
        listener.accept(new PreemptionNotice(source, deadline, null));
    }
}
