package dev.ossagent.download;

/** What became of one file of a download; the detail is one line for the user. */
public final class FetchOutcome {
    public enum Kind {
        /** Fetched (from the start or continuing a partial file) and verified. */
        FETCHED,
        /** Already in the folder with the manifest's size, CRC64 and SHA-256: not fetched again. */
        ALREADY_THERE,
        /** What arrived is not what the manifest lists (size, CRC64 or SHA-256): not kept. */
        NOT_VERIFIED,
        /** The transfer broke off, or a local write failed; the partial file stays for the next run. */
        INTERRUPTED
    }

    public final Kind kind;
    public final String detail;
    /** Bytes received in this run. */
    public final long received;

    public FetchOutcome(Kind kind, String detail, long received) {
        this.kind = kind;
        this.detail = detail;
        this.received = received;
    }
}
