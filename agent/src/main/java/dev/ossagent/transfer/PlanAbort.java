package dev.ossagent.transfer;

/**
 * Lets the queue abort the upload of one plan while it runs (preemption: a newer save of the same path goes
 * first). Parts not yet sent are not sent, a multipart upload begun is aborted on the server and its checkpoint
 * deleted, files not begun are left to the journal. A request already on the wire finishes (it cannot be recalled).
 */
public final class PlanAbort {
    private volatile String reason;

    public void abort(String why) {
        reason = why;
    }

    public boolean aborted() {
        return reason != null;
    }

    /** Why it was aborted; null while it was not. */
    public String reason() {
        return reason;
    }

    /** Thrown where an aborted upload stops. */
    static final class Aborted extends RuntimeException {
        Aborted(String reason) {
            super(reason, null, false, false);
        }
    }

    void check() {
        String why = reason;
        if (why != null) {
            throw new Aborted(why);
        }
    }
}
