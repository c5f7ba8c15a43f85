package dev.ossagent.jmx;

/**
 * The attributes of {@code dev.ossagent:type=Uploads} (documented in docs/jmx.md). Counters only grow; in flight and
 * pending are gauges. Numbers and booleans are what jmx_exporter turns into metrics.
 */
public interface UploadsMBean {
    long getFilesPlanned();

    long getBytesPlanned();

    /** Files verified after being sent (not found unchanged). */
    long getFilesSent();

    /** Bytes that went out, failed attempts included. */
    long getBytesSent();

    long getFilesVerified();

    long getBytesVerified();

    long getFilesFailed();

    long getBytesFailed();

    /** Files being sent (or checked against OSS) right now. */
    long getFilesInFlight();

    /** The sizes of the files in flight. */
    long getBytesInFlight();

    /** Files of queued plans not yet done, in flight or waiting. */
    long getFilesPending();

    /** Bytes of queued plans not yet sent. */
    long getBytesPending();

    /** -1 before the first verified file. */
    double getSecondsSinceLastVerified();

    /** e.g. {@code transient}, {@code auth-or-config}; null before the first failure. */
    String getLastFailureKind();

    String getRunId();

    boolean isExitPending();

    /** ISO-8601, or null for long-lived credentials (or none resolved yet). */
    String getCredentialsExpiry();

    /** Seconds until the credentials expire; -1 when they do not (or none resolved yet). */
    double getCredentialsExpirySeconds();
}
