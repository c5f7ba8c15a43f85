package dev.ossagent.preemption;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The machine is going away: where that was learned, by when, and (once the queue has said) what will be
 * sent in what order. Immutable, so it can be handed on (the log line, the exit hook, events).
 */
public final class PreemptionNotice {
    /** Where a notice comes from. */
    public enum Source {
        ECS_SPOT("ECS spot reclaim notice"), SIGTERM("SIGTERM");

        private final String shown;

        Source(String shown) {
            this.shown = shown;
        }

        @Override
        public String toString() {
            return shown;
        }
    }

    private final Source source;
    private final Instant deadline;
    private final String order;

    public PreemptionNotice(Source source, Instant deadline, String order) {
        this.source = source;
        this.deadline = deadline;
        this.order = order;
    }

    public Source source() {
        return source;
    }

    /** When the machine is assumed gone: the notice's termination time, or SIGTERM + the grace. */
    public Instant deadline() {
        return deadline;
    }

    /** What will be sent in what order; null until the queue has said. */
    public String order() {
        return order;
    }

    public PreemptionNotice withOrder(String order) {
        return new PreemptionNotice(source, deadline, order);
    }

    /** The one line of the notice. */
    public String line(Instant now) {
        long seconds = Math.max(0, (Duration.between(now, deadline).toMillis() + 500) / 1000);
        return "preemption: " + source + "; deadline " + deadline.truncatedTo(ChronoUnit.SECONDS) + " (in " + seconds
                + " s); " + (order == null ? "nothing is waiting to upload" : order);
    }

    @Override
    public String toString() {
        return line(Instant.now());
    }
}
