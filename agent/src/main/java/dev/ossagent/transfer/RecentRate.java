package dev.ossagent.transfer;

/**
 * Bytes sent per second over the last few seconds, for the rescue order after a preemption notice: which files can
 * still finish by the deadline. One-second buckets in a ring; no thread, no allocation per call.
 */
final class RecentRate {
    private static final int SECONDS = 5;

    private final long[] bytes = new long[SECONDS];
    private final long[] second = new long[SECONDS];

    synchronized void add(long sent, long nowNanos) {
        long now = nowNanos / 1_000_000_000L;
        int slot = (int) Math.floorMod(now, SECONDS);
        if (second[slot] != now) {
            second[slot] = now;
            bytes[slot] = 0;
        }
        bytes[slot] += sent;
    }

    /** Over the last full seconds (the current one is still filling); 0 when nothing was sent lately. */
    synchronized double perSecond(long nowNanos) {
        long now = nowNanos / 1_000_000_000L;
        long total = 0;
        for (int i = 0; i < SECONDS; i++) {
            if (second[i] < now && second[i] >= now - (SECONDS - 1)) {
                total += bytes[i];
            }
        }
        return Math.max(0, total) / (double) (SECONDS - 1);
    }
}
