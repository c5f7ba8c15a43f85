package dev.ossagent.transfer;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this JVM knows about one OSS endpoint: whether it has ever answered, whether it was given up on
 * (never answered, and refused, unknown or not TLS), and the outage under way. One per endpoint URL per JVM,
 * shared by every plan, so an endpoint that never answered costs two tries and one ERROR, then one quiet try per
 * request, not nine per plan; and one
 * that has answered is waited for through an outage ({@link Retrier}).
 */
public final class EndpointState {
    private static final Map<String, EndpointState> BY_URL = new ConcurrentHashMap<>();

    private final String url;
    private volatile boolean answered;
    private volatile RuntimeException gaveUp;
    private final java.util.concurrent.atomic.AtomicBoolean said = new java.util.concurrent.atomic.AtomicBoolean();
    /** 0 when the last request got an answer; otherwise when the first unanswered one failed. */
    private volatile long unreachableSince;
    private volatile long nextTryAt;
    private volatile String why;

    EndpointState(String url) {
        this.url = url;
    }

    /** This JVM's state of {@code url}. */
    public static EndpointState of(String url) {
        return BY_URL.computeIfAbsent(url, EndpointState::new);
    }

    public String url() {
        return url;
    }

    /** The server answered (with data or with an OSS error): it is there. */
    public void answered() {
        answered = true;
        unreachableSince = 0;
    }

    public boolean everAnswered() {
        return answered;
    }

    /** Never answered and the connection failed for a reason retrying will not fix soon. */
    void giveUp(RuntimeException failure) {
        if (!answered) {
            gaveUp = failure;
        }
    }

    /** True when the endpoint never answered and refused two tries: later requests get one try each. */
    public boolean givenUp() {
        return !answered && gaveUp != null;
    }

    /** True the first time only: the give-up is one ERROR for every plan of the JVM. */
    public boolean firstToSayGivenUp() {
        return givenUp() && said.compareAndSet(false, true);
    }

    /** A request found the endpoint unreachable; the next try is at {@code nextTry} (epoch millis). */
    synchronized void unreachable(long since, long nextTry, String reason) {
        if (unreachableSince == 0 || since < unreachableSince) {
            unreachableSince = since;
        }
        nextTryAt = nextTry;
        why = reason;
    }

    /** "OSS unreachable for 95 s (connection refused), next try in 30 s", or null while it answers. */
    public String outage(long now) {
        long since = unreachableSince;
        if (since == 0 || !answered) {
            return null;
        }
        return String.format(Locale.ROOT, "OSS unreachable for %d s (%s), next try in %d s", (now - since) / 1000,
                why, Math.max(0, (nextTryAt - now + 999) / 1000));
    }
}
