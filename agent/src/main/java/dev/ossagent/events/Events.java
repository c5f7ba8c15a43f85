package dev.ossagent.events;

import dev.ossagent.log.AgentLog;
import dev.ossagent.log.JsonLine;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * {@code ossagent.events.file}: one JSON object per line for each thing that happens to an upload, for pipelines
 * (schema: docs/events.md). Each line carries the schema version, a UTC time, the run id, the process id and a
 * sequence number (last, as it is given when the line is written), and is written with one append, so several JVMs may share a file. One method per event type;
 * add a type with a method that starts from {@link #event} and ends in {@link #write}. The JVM's instance (or null
 * when events are off) is {@code UploadProgress.events()}, set before the first plan; code below transfer gets it
 * passed in. Nothing here may carry a
 * secret, and a failed write never touches the upload: it is said once and the events stop.
 */
public final class Events {
    /** Bumped only when a field changes meaning or goes away; new fields and types keep it. */
    public static final int SCHEMA = 1;
    /** The setting's value for stderr: events replace the human lines there. */
    public static final String STDERR = "-";

    private final FileOutputStream file;
    private final String target;
    private final String run;
    private final long pid = ProcessHandle.current().pid();
    private long sequence;
    private volatile boolean broken;

    private Events(FileOutputStream file, String target, String run) {
        this.file = file;
        this.target = target;
        this.run = run;
    }

    /**
     * @param target a file path, or {@link #STDERR}
     * @param run    the JVM's run id, for events that belong to no plan
     */
    public static Events open(String target, String run) throws IOException {
        if (STDERR.equals(target)) {
            AgentLog.jsonLines();
            return new Events(null, target, run);
        }
        // Append mode is O_APPEND: each write lands whole at the end, whoever else appends.
        return new Events(new FileOutputStream(target, true), target, run);
    }

    /** The JVM's run id. */
    public String run() {
        return run;
    }

    /** A planned file, for {@link #plan}. */
    public static JsonLine plannedFile(String path, String bucket, String key, long size) {
        return new JsonLine().put("path", path).put("bucket", bucket).put("key", key).put("size", size);
    }

    /** A train return was planned: what will be uploaded. */
    public void plan(String run, Integer rank, String host, String trainer, String modelPath, List<JsonLine> files,
                     long bytes) {
        write(event("plan", run).put("rank", rank == null ? null : Long.valueOf(rank)).put("host", host)
                .put("trainer", trainer).put("modelPath", modelPath).put("fileCount", files.size()).put("bytes", bytes)
                .put("files", files));
    }

    /** A file's object is in OSS and its size and CRC64 equal the file's (sent now, or found unchanged). */
    public void fileVerified(String run, String path, String bucket, String key, long size, String crc64,
                             String sha256, double seconds, int attempts, boolean unchanged) {
        write(event("file", run).put("status", "verified").put("path", path).put("bucket", bucket).put("key", key)
                .put("size", size).put("crc64", crc64).put("sha256", sha256).seconds("seconds", seconds)
                .put("attempts", attempts).put("unchanged", unchanged));
    }

    /**
     * A file was given up on for now (it stays in the journal for {@code resume} unless the kind says otherwise).
     *
     * @param kind what failed, e.g. {@code transient}, {@code auth-or-config}, {@code object-exists}
     * @param code OSS's error code, or null
     */
    public void fileFailed(String run, String path, String bucket, String key, long size, double seconds,
                           int attempts, String kind, String code) {
        write(event("file", run).put("status", "failed").put("path", path).put("bucket", bucket).put("key", key)
                .put("size", size).seconds("seconds", seconds).put("attempts", attempts)
                .put("failure", new JsonLine().put("kind", kind).put("code", code)));
    }

    /**
     * @param status {@code written}, {@code failed} or {@code skipped}
     * @param reason why not written, or null
     */
    public void manifest(String run, String bucket, String key, int files, String status, String reason) {
        write(event("manifest", run).put("status", status).put("bucket", bucket).put("key", key)
                .put("fileCount", files).put("reason", reason));
    }

    /** @param status {@code written} or {@code failed} */
    public void latest(String run, String bucket, String key, String status) {
        write(event("latest", run).put("status", status).put("bucket", bucket).put("key", key));
    }

    /**
     * The JVM is exiting: what the agent's uploads came to.
     *
     * @param status   {@code finished} (all verified), {@code unfinished} (some files or manifests not) or
     *                 {@code timeout} ({@code ossagent.exit.timeout} cut the wait short)
     * @param exitCode the code the agent sets ({@code ossagent.exit.failure-code}), or null for the trainer's own
     */
    public void exit(String status, long filesVerified, long filesFailed, long filesLeft, long bytesLeft,
                     Integer exitCode) {
        write(event("exit", run).put("status", status).put("filesVerified", filesVerified)
                .put("filesFailed", filesFailed).put("filesLeft", filesLeft).put("bytesLeft", bytesLeft)
                .put("exitCode", exitCode == null ? null : Long.valueOf(exitCode)));
    }

    /**
     * The preflight's verdict (issue 22), once, when the first target class loads.
     *
     * @param status  {@code ready}, {@code warn} or {@code failed}
     * @param message the line the agent printed for it (never a secret: it is the log line), or null
     */
    public void preflight(String status, String message) {
        write(event("preflight", run).put("status", status).put("message", message));
    }

    /**
     * A preemption notice (issue 23): the machine is going away.
     *
     * @param source      what said so, e.g. {@code SIGTERM} or the ECS metadata's instance action
     * @param secondsLeft until the machine goes, or null when unknown
     */
    public void preemption(String source, Long secondsLeft) {
        write(event("preemption", run).put("source", source).put("secondsLeft", secondsLeft));
    }

    /** The common fields of every event; a new event type puts its own after them and calls {@link #write}. */
    public JsonLine event(String type, String run) {
        return new JsonLine().put("v", SCHEMA).put("type", type)
                .put("time", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString())
                .put("run", run == null ? this.run : run).put("pid", pid);
    }

    /** Numbers the event and writes it: one line, one write, in the order of the numbers. Never throws. */
    public synchronized void write(JsonLine event) {
        if (broken) {
            return;
        }
        String line = event.put("seq", ++sequence).toString();
        if (file == null) {
            AgentLog.line(line);
            return;
        }
        try {
            file.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            broken = true;
            AgentLog.warn("could not write to the events file " + target + " (" + e.getMessage() + "); no more events"
                    + " are written there");
        }
    }
}
