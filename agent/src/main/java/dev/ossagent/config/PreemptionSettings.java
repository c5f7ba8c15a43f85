package dev.ossagent.config;

import static dev.ossagent.config.SettingNames.EXIT_TIMEOUT;
import static dev.ossagent.config.SettingNames.LATEST_PREEMPTED;
import static dev.ossagent.config.SettingNames.PREEMPTION;
import static dev.ossagent.config.SettingNames.PREEMPTION_GRACE;
import static dev.ossagent.config.SettingNames.PREEMPTION_POLL;

import java.time.Duration;
import java.util.Locale;

/**
 * {@code ossagent.preemption} ({@code auto} or {@code off}), {@code .poll} (default 5s), {@code .grace} (default
 * 25s: Kubernetes' 30 s less a margin) and {@code ossagent.latest.preempted}. A grace of 0 or one longer than
 * {@code ossagent.exit.timeout} is not an error that should cost the uploads: it is corrected, and
 * {@link #graceProblem} says how, once, when the watcher starts.
 */
public final class PreemptionSettings {
    static final Duration DEFAULT_POLL = Duration.ofSeconds(5);
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(25);
    /** Faster polls only load the metadata service. */
    private static final Duration MIN_POLL = Duration.ofMillis(200);

    private final boolean enabled;
    private final Duration poll;
    private final Duration grace;
    private final String graceProblem;
    private final boolean latestPreempted;

    PreemptionSettings(boolean enabled, Duration poll, Duration grace, String graceProblem, boolean latestPreempted) {
        this.enabled = enabled;
        this.poll = poll;
        this.grace = grace;
        this.graceProblem = graceProblem;
        this.latestPreempted = latestPreempted;
    }

    static PreemptionSettings parse(RawSettings raw, Duration exitTimeout) throws SettingsException {
        String mode = raw.get(PREEMPTION);
        String value = mode == null || mode.isEmpty() ? "auto" : mode.trim().toLowerCase(Locale.ROOT);
        if (!value.equals("auto") && !value.equals("off")) {
            throw new SettingsException(OneLine.setting(PREEMPTION, mode) + " is not auto or off");
        }
        Duration poll = duration(raw, PREEMPTION_POLL, DEFAULT_POLL);
        if (poll.compareTo(MIN_POLL) < 0) {
            throw new SettingsException(OneLine.setting(PREEMPTION_POLL, raw.get(PREEMPTION_POLL))
                    + " is shorter than 200ms; the default is 5s");
        }
        Duration grace = duration(raw, PREEMPTION_GRACE, DEFAULT_GRACE);
        String problem = null;
        if (grace.isZero()) {
            problem = PREEMPTION_GRACE + "=0 leaves no time to send anything after SIGTERM; using the default "
                    + DEFAULT_GRACE.getSeconds() + "s";
            grace = DEFAULT_GRACE;
        }
        if (grace.compareTo(exitTimeout) > 0) {
            problem = PREEMPTION_GRACE + "=" + grace.getSeconds() + "s is longer than " + EXIT_TIMEOUT + "="
                    + exitTimeout.getSeconds() + "s; the exit waits at most " + exitTimeout.getSeconds() + "s";
            grace = exitTimeout;
        }
        return new PreemptionSettings(value.equals("auto"), poll, grace, problem, raw.bool(LATEST_PREEMPTED, true));
    }

    private static Duration duration(RawSettings raw, String name, Duration fallback) throws SettingsException {
        String value = raw.get(name);
        return value == null || value.isEmpty() ? fallback : Durations.parse(name, value);
    }

    /** False for {@code ossagent.preemption=off}: no poller, no signal handler, no rescue. */
    public boolean enabled() {
        return enabled;
    }

    public Duration poll() {
        return poll;
    }

    /** After SIGTERM, how long until the machine is assumed gone; never 0, never over the exit timeout. */
    public Duration grace() {
        return grace;
    }

    /** One line saying how a bad grace was corrected, or null. */
    public String graceProblem() {
        return graceProblem;
    }

    /** {@code ossagent.latest.preempted}: LATEST may name a preempted run whose model files are complete. */
    public boolean latestPreempted() {
        return latestPreempted;
    }
}
