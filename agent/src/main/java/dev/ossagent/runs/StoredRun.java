package dev.ossagent.runs;

import java.time.Instant;

/** One run as {@code list --runs} shows it: from its manifest when it has one, else from the listing. */
public final class StoredRun {
    /** PREEMPTED: a manifest marked preempted, its model files verified, some of its files missing. */
    public enum State { COMPLETE, INCOMPLETE, UNREADABLE, PREEMPTED }

    public final String name;
    /** The key prefix of the run's folder, e.g. {@code models/run-7/}. */
    public final String folder;
    /** The manifest's started time, else the oldest object's last-modified time; null when neither is known. */
    public final Instant time;
    public final long files;
    public final long bytes;
    public final State state;

    public StoredRun(String name, String folder, Instant time, long files, long bytes, State state) {
        this.name = name;
        this.folder = folder;
        this.time = time;
        this.files = files;
        this.bytes = bytes;
        this.state = state;
    }
}
