package dev.ossagent.transfer;

/** What one run of a plan achieved: counts for the summary, and the first failure for an exit code. */
public final class PlanOutcome {
    int uploaded;
    int unchanged;
    int gone;
    int refused;
    int left;
    boolean manifestWritten;
    boolean latestWritten;
    RuntimeException firstFailure;

    /** Files verified in OSS by this run, sent or found unchanged. */
    public int uploaded() { return uploaded; }
    public int unchanged() { return unchanged; }
    /** Files that vanished locally before they could be sent. */
    public int gone() { return gone; }
    /** Files whose object holds other content and may not be replaced ({@code ossagent.overwrite=false}). */
    public int refused() { return refused; }
    /** Files still in the journal. */
    public int left() { return left; }
    public boolean manifestWritten() { return manifestWritten; }
    /** {@code ossagent.latest} now names this plan's run. */
    public boolean latestWritten() { return latestWritten; }
    /** The first failure that left a file (or the manifest) in the journal, or null. */
    public RuntimeException firstFailure() { return firstFailure; }

    /** Files of a plan finish on several threads. */
    synchronized void verified(boolean skipped) {
        if (skipped) {
            unchanged++;
        } else {
            uploaded++;
        }
    }

    synchronized void oneGone() {
        gone++;
    }

    synchronized void oneRefused(RuntimeException e) {
        failed(e);
        refused++;
    }

    synchronized void oneLeft() {
        left++;
    }

    synchronized void failedFile(RuntimeException e) {
        failed(e);
        left++;
    }

    synchronized void failed(RuntimeException e) {
        if (firstFailure == null) {
            firstFailure = e;
        }
    }
}
