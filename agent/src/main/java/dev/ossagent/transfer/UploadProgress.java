package dev.ossagent.transfer;

import dev.ossagent.config.SettingNames;
import dev.ossagent.credentials.ResolvedCredentials;
import dev.ossagent.events.Events;
import dev.ossagent.failure.FailureKind;
import dev.ossagent.journal.UploadedFile;
import dev.ossagent.plan.PlannedFile;
import dev.ossagent.journal.JournalEntry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Files and bytes still to upload across all queued plans, for the exit hook's progress lines, and the files
 * (and manifests) given up on, so that the exit hook says "finished" only when everything was. It also keeps the
 * running totals that {@code ossagent.jmx} shows (plain atomics: they cost nothing when no one reads them) and
 * the events sink, null unless {@code ossagent.events.file} is set.
 */
public final class UploadProgress {
    private final AtomicLong filesPlanned = new AtomicLong();
    private final AtomicLong bytesPlanned = new AtomicLong();
    private final AtomicLong filesSent = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong filesVerified = new AtomicLong();
    private final AtomicLong bytesVerified = new AtomicLong();
    private final AtomicLong filesFailed = new AtomicLong();
    private final AtomicLong bytesFailed = new AtomicLong();
    private final AtomicLong filesInFlight = new AtomicLong();
    private final AtomicLong bytesInFlight = new AtomicLong();
    private volatile long lastVerifiedNanos;
    private volatile String lastFailureKind;
    private volatile String currentRun;
    private volatile ResolvedCredentials credentials;
    private volatile boolean exitPending;
    private volatile Events events;
    private volatile boolean watched;
    private final AtomicLong filesLeft = new AtomicLong();
    private final AtomicLong bytesLeft = new AtomicLong();
    /** Each file once (object and local path), however many plans held it: a checkpoint saved twice is one file. */
    private final Set<String> filesNotUploaded = ConcurrentHashMap.newKeySet();
    private final AtomicLong manifestsNotWritten = new AtomicLong();
    private final AtomicLong filesRefused = new AtomicLong();
    private final RecentRate rate = new RecentRate();
    private final AtomicLong manifestsWritten = new AtomicLong();
    private volatile String lastManifest;
    private volatile String lastLatest;
    private volatile boolean planned;
    private volatile EndpointState endpoint;
    /** The status line's own memory (one caller, the exit hook): bytes sent at the last movement, and when. */
    private long sentAtLastLook = -1;
    private long lastMovedMillis;

    /** True once any plan was queued in this JVM. */
    public boolean anyPlanned() {
        return planned;
    }

    public void planned(int files, long bytes) {
        planned = true;
        filesLeft.addAndGet(files);
        bytesLeft.addAndGet(bytes);
        filesPlanned.addAndGet(files);
        bytesPlanned.addAndGet(bytes);
    }

    /** Bytes OSS has answered for, so no longer left (negative: a file sent again from the start). */
    void sent(long bytes) {
        bytesLeft.addAndGet(-bytes);
    }

    /** Bytes went on the wire: a counter (failed attempts included) and the recent throughput. */
    void wrote(long bytes) {
        bytesSent.addAndGet(bytes);
        rate.add(bytes, System.nanoTime());
    }

    /** The throughput of the last seconds, bytes per second; 0 when nothing was sent lately. */
    public double recentBytesPerSecond() {
        return rate.perSecond(System.nanoTime());
    }

    /** A file's transfer began (its size): it is in flight until {@link #transferEnded}. */
    void transferStarted(long size) {
        filesInFlight.incrementAndGet();
        bytesInFlight.addAndGet(size);
    }

    void transferEnded(long size) {
        filesInFlight.decrementAndGet();
        bytesInFlight.addAndGet(-size);
    }

    /** A file of {@code run} is verified in OSS (sent, or found unchanged) after {@code attempts} tries. */
    void verified(String run, UploadedFile file, int attempts) {
        filesVerified.incrementAndGet();
        bytesVerified.addAndGet(file.size());
        if (!file.skipped()) {
            filesSent.incrementAndGet();
        }
        lastVerifiedNanos = System.nanoTime();
        Events sink = events;
        if (sink != null) {
            sink.fileVerified(run, file.path(), file.bucket(), file.key(), file.size(), file.crc64(), file.sha256(),
                    file.seconds(), attempts, file.skipped());
        }
    }

    /** A file of {@code run} was given up on (for now: it may stay in the journal for resume). */
    void failed(String run, PlannedFile file, RuntimeException failure, long startNanos, int attempts) {
        filesFailed.incrementAndGet();
        bytesFailed.addAndGet(Math.max(0, file.size()));
        Events sink = events;
        if (sink == null && !watched) {
            return; // the kind is worked out only for someone who reads it
        }
        String kind = FailureKind.of(failure);
        lastFailureKind = kind;
        if (sink != null) {
            sink.fileFailed(run, file.path().toString(), file.bucket(), file.key(), file.size(),
                    (System.nanoTime() - startNanos) / 1e9, attempts, kind, FailureKind.code(failure));
        }
    }

    /** A reader of these totals (the JMX bean) is registered. */
    public void watched() {
        watched = true;
    }

    /** A plan of this run starts uploading with these credentials. */
    void running(String run, ResolvedCredentials credentials) {
        this.currentRun = run;
        this.credentials = credentials;
    }

    /** The JVM is exiting and waits for the uploads (the exit hook runs). */
    public void exitPending() {
        exitPending = true;
    }

    /** Null unless {@code ossagent.events.file} is set. */
    public Events events() {
        return events;
    }

    public void events(Events events) {
        this.events = events;
    }

    /** The endpoint the plans send to, for the status line. */
    void sendingTo(EndpointState state) {
        endpoint = state;
    }

    /**
     * What holds the upload up, for the exit hook's "still uploading" line: an outage ("OSS unreachable for
     * 95 s (connection refused), next try in 30 s"), or "0 B sent in 60 s: waiting for ..." when nothing moved
     * since the last look; null while bytes flow.
     */
    public synchronized String stalled(long nowMillis) {
        EndpointState state = endpoint;
        String outage = state == null ? null : state.outage(nowMillis);
        if (outage != null) {
            return outage;
        }
        long sent = bytesSent.get();
        if (sent != sentAtLastLook) {
            sentAtLastLook = sent;
            lastMovedMillis = nowMillis;
            return null;
        }
        long quiet = (nowMillis - lastMovedMillis) / 1000;
        return "0 B sent in " + quiet + " s: waiting for " + (state == null ? "the upload to start"
                : state.everAnswered() ? state.url() + " to answer" : state.url() + " to answer for the first time");
    }

    /** One file is over, uploaded or given up; whatever of its planned size was not counted goes too. */
    public void fileDone(long plannedSize, long counted) {
        filesLeft.decrementAndGet();
        bytesLeft.addAndGet(-(Math.max(0, plannedSize) - counted));
    }

    /** A plan is over with these files still in its journal, or with its manifest not written. */
    public void notFinished(List<JournalEntry> files, boolean manifest) {
        for (JournalEntry file : files) {
            filesNotUploaded.add(file.bucket() + "/" + file.key() + "\n" + file.path());
        }
        manifestsNotWritten.addAndGet(manifest ? 1 : 0);
    }

    /** A plan is over with these files refused: OSS holds other content there and may not replace it. */
    public void refused(int files) {
        filesRefused.addAndGet(files);
    }

    /**
     * A plan is over: its manifest ({@code bucket/key}, null when not written) and the pointer it moved (null when
     * none), for the run's last line (its files were counted as each was verified).
     */
    public void settled(String manifest, String latest) {
        if (manifest != null) {
            manifestsWritten.incrementAndGet();
            lastManifest = manifest;
        }
        if (latest != null) {
            lastLatest = latest;
        }
    }

    /** "3 files verified, manifest b/k written, LATEST b/k moved": what the finished plans achieved. */
    public String achieved() {
        long manifests = manifestsWritten.get();
        String line = filesVerified.get() + (filesVerified.get() == 1 ? " file" : " files") + " verified";
        if (manifests == 1) {
            line += ", manifest " + lastManifest + " written";
        } else if (manifests > 1) {
            line += ", " + manifests + " manifests written (the last " + lastManifest + ")";
        } else {
            line += ", no manifest written";
        }
        if (lastLatest != null) {
            line += ", LATEST " + lastLatest + " moved";
        }
        return line;
    }

    /** Null when no file was refused; otherwise how many, for the exit line. */
    public String refused() {
        long files = filesRefused.get();
        return files == 0 ? null : files + " file(s) not uploaded because OSS already holds other content there ("
                + SettingNames.OVERWRITE + "=false; see above)";
    }

    /** Null when every plan so far finished; otherwise what did not, for the exit line. */
    public String unfinished() {
        long files = filesNotUploaded.size();
        long manifests = manifestsNotWritten.get();
        if (files == 0 && manifests == 0) {
            return null;
        }
        String what = files > 0 ? files + " file(s) not uploaded" : "";
        if (manifests > 0) {
            what += (what.isEmpty() ? "" : " and ") + manifests + " manifest(s) not written";
        }
        return what;
    }

    public long filesLeft() {
        return Math.max(0, filesLeft.get());
    }

    public long bytesLeft() {
        return Math.max(0, bytesLeft.get());
    }

    public long filesPlanned() { return filesPlanned.get(); }
    public long bytesPlanned() { return bytesPlanned.get(); }
    public long filesSent() { return filesSent.get(); }
    public long bytesSent() { return bytesSent.get(); }
    public long filesVerified() { return filesVerified.get(); }
    public long bytesVerified() { return bytesVerified.get(); }
    public long filesFailed() { return filesFailed.get(); }
    /** Files being sent (or checked) right now, and their sizes. */
    public long filesInFlight() { return filesInFlight.get(); }
    public long bytesInFlight() { return bytesInFlight.get(); }
    public long bytesFailed() { return bytesFailed.get(); }
    public String lastFailureKind() { return lastFailureKind; }
    public String currentRun() { return currentRun; }
    public boolean isExitPending() { return exitPending; }

    /** Seconds since the last file was verified; -1 before the first. */
    public double secondsSinceLastVerified() {
        long last = lastVerifiedNanos;
        return last == 0 ? -1 : (System.nanoTime() - last) / 1e9;
    }

    /** When the credentials in use expire (ISO-8601), or null: long-lived ones, or none resolved yet. */
    public String credentialsExpiry() {
        ResolvedCredentials held = credentials;
        if (held == null || held.credentials().expiration() == null) {
            return null;
        }
        return held.credentials().expiration().toString();
    }
}
