package dev.ossagent.preemption;

import dev.ossagent.credentials.InstanceMetadata;
import dev.ossagent.log.AgentLog;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Polls the ECS metadata service's {@code instance/spot/termination-time} on its own daemon thread: 404 or an
 * empty answer until a reclaim is scheduled, then a UTC time. When the first question finds no service there (not
 * an ECS instance) the thread ends: one connection attempt on an agent thread, nothing on the trainer's. A later
 * unanswered poll is skipped: the service may be busy.
 */
final class SpotNoticePoller implements Runnable {
    static final String PATH = "instance/spot/termination-time";

    private final InstanceMetadata metadata;
    private final Duration poll;
    private final Consumer<TerminationTime> onNotice;

    SpotNoticePoller(InstanceMetadata metadata, Duration poll, Consumer<TerminationTime> onNotice) {
        this.metadata = metadata;
        this.poll = poll;
        this.onNotice = onNotice;
    }

    Thread start() {
        Thread thread = new Thread(this, "oss-agent-spot-notice");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void run() {
        boolean answeredOnce = false;
        try {
            while (true) {
                try {
                    InstanceMetadata.Answer answer = metadata.get(PATH, TerminationTime.MAX_ANSWER);
                    answeredOnce = true;
                    if (answer.status == 200 && !answer.body.trim().isEmpty()) {
                        onNotice.accept(TerminationTime.parse(answer.body, Instant.now()));
                        return;
                    }
                } catch (IOException | RuntimeException e) {
                    if (!answeredOnce) {
                        AgentLog.info("no ECS metadata service at " + metadata.endpoint() + " (" + e.getClass()
                                .getSimpleName() + "); the spot reclaim notice is not watched, SIGTERM is");
                        return;
                    }
                }
                Thread.sleep(poll.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
