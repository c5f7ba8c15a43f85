package dev.ossagent.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What one {@code train} return asked for, beyond its files: who trained, when, against which endpoint,
 * and where its manifest goes. Immutable; {@link #withHost} gives a copy.
 */
public final class PlanRecord {
    private final String id;
    private final String trainer;
    private final String modelPath;
    private final String endpoint;
    private final String manifestBucket;
    private final String manifestKey;
    private final long startedMillis;
    private final long pid;
    private final String javaVersion;
    private final String host;

    public PlanRecord(String id, String trainer, String modelPath, String endpoint, String manifestBucket,
                      String manifestKey, long startedMillis, long pid, String javaVersion, String host) {
        this.id = id;
        this.trainer = trainer;
        this.modelPath = modelPath;
        this.endpoint = endpoint;
        this.manifestBucket = manifestBucket;
        this.manifestKey = manifestKey;
        this.startedMillis = startedMillis;
        this.pid = pid;
        this.javaVersion = javaVersion;
        this.host = host;
    }

    /** A record of this JVM, now, not yet given an id (the journal names it). */
    public static PlanRecord now(String trainer, String modelPath, String endpoint, String manifestBucket,
                                 String manifestKey) {
        return new PlanRecord(null, trainer, modelPath, endpoint, manifestBucket, manifestKey,
                System.currentTimeMillis(), ProcessHandle.current().pid(), System.getProperty("java.version"), null);
    }

    PlanRecord withId(String newId) {
        return new PlanRecord(newId, trainer, modelPath, endpoint, manifestBucket, manifestKey, startedMillis, pid,
                javaVersion, host);
    }

    public PlanRecord withHost(String newHost) {
        return new PlanRecord(id, trainer, modelPath, endpoint, manifestBucket, manifestKey, startedMillis, pid,
                javaVersion, newHost);
    }

    public String id() { return id; }
    /** {@code Class#method} whose return made the plan. */
    public String trainer() { return trainer; }
    public String modelPath() { return modelPath; }
    /** The endpoint URL the plan was made for; resume sends only to the same one. */
    public String endpoint() { return endpoint; }
    public String manifestBucket() { return manifestBucket; }
    public String manifestKey() { return manifestKey; }
    public long startedMillis() { return startedMillis; }
    public long pid() { return pid; }
    public String javaVersion() { return javaVersion; }
    /** The training machine's name, or null until the upload thread has looked it up. */
    public String host() { return host; }

    Properties toProperties() {
        Properties values = new Properties();
        values.setProperty("trainer", trainer);
        values.setProperty("modelPath", modelPath);
        values.setProperty("endpoint", endpoint);
        values.setProperty("manifestBucket", manifestBucket);
        values.setProperty("manifestKey", manifestKey);
        values.setProperty("started", Long.toString(startedMillis));
        values.setProperty("pid", Long.toString(pid));
        values.setProperty("java", javaVersion);
        if (host != null) {
            values.setProperty("host", host);
        }
        return values;
    }

    static PlanRecord fromProperties(String id, Properties values, Path file) throws IOException {
        try {
            return new PlanRecord(id, PropertiesFiles.required(values, "trainer", file),
                    PropertiesFiles.required(values, "modelPath", file), PropertiesFiles.required(values, "endpoint", file),
                    PropertiesFiles.required(values, "manifestBucket", file),
                    PropertiesFiles.required(values, "manifestKey", file),
                    Long.parseLong(PropertiesFiles.required(values, "started", file)),
                    Long.parseLong(values.getProperty("pid", "0")), values.getProperty("java", "unknown"),
                    values.getProperty("host"));
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a plan record: " + e.getMessage());
        }
    }
}
