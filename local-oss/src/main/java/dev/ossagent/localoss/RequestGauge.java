package dev.ossagent.localoss;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Requests in progress now, and the most there ever were at once: lets a test check a client's connection bound. */
final class RequestGauge {
    private final AtomicInteger now = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    /** One request in progress; leaving twice counts once. */
    final class Entry {
        private final AtomicBoolean left = new AtomicBoolean();

        void leave() {
            if (left.compareAndSet(false, true)) {
                now.decrementAndGet();
            }
        }
    }

    Entry enter() {
        peak.accumulateAndGet(now.incrementAndGet(), Math::max);
        return new Entry();
    }

    int peak() {
        return peak.get();
    }

    void resetPeak() {
        peak.set(now.get());
    }
}
