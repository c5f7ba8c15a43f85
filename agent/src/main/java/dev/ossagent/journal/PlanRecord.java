package dev.ossagent.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

/**
 * What one {@code train} return asked for, beyond its files: who trained, when, against which endpoint,
 * where its manifest goes, where data files went (for {@code resume --retarget}), and what it named but could
 * not upload (a listed file missing, two files for one object), which means it gets no manifest.
 * Immutable; the {@code with...} methods give copies.
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
    private final String dataBucket;
    private final String dataPrefix;
    private final List<String> gaps;
    private final String run;
    private final int rank;
    private final String latestKey;

    public PlanRecord(String id, String trainer, String modelPath, String endpoint, String manifestBucket,
                      String manifestKey, long startedMillis, long pid, String javaVersion, String host) {
        this(id, trainer, modelPath, endpoint, manifestBucket, manifestKey, startedMillis, pid, javaVersion, host, null,
                null, Collections.<String>emptyList(), null, 0, null);
    }

    private PlanRecord(String id, String trainer, String modelPath, String endpoint, String manifestBucket,
                       String manifestKey, long startedMillis, long pid, String javaVersion, String host,
                       String dataBucket, String dataPrefix, List<String> gaps, String run, int rank,
                       String latestKey) {
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
        this.dataBucket = dataBucket;
        this.dataPrefix = dataPrefix;
        this.gaps = Collections.unmodifiableList(new ArrayList<>(gaps));
        this.run = run;
        this.rank = rank;
        this.latestKey = latestKey;
    }

    /** A record of this JVM, now, not yet given an id (the journal names it). */
    public static PlanRecord now(String trainer, String modelPath, String endpoint, String manifestBucket,
                                 String manifestKey) {
        return new PlanRecord(null, trainer, modelPath, endpoint, manifestBucket, manifestKey,
                System.currentTimeMillis(), ProcessHandle.current().pid(), System.getProperty("java.version"), null);
    }

    PlanRecord withId(String newId) {
        return new PlanRecord(newId, trainer, modelPath, endpoint, manifestBucket, manifestKey, startedMillis, pid,
                javaVersion, host, dataBucket, dataPrefix, gaps, run, rank, latestKey);
    }

    public PlanRecord withHost(String newHost) {
        return new PlanRecord(id, trainer, modelPath, endpoint, manifestBucket, manifestKey, startedMillis, pid,
                javaVersion, newHost, dataBucket, dataPrefix, gaps, run, rank, latestKey);
    }

    /** Where the plan's data files go (the bucket null when there are none). */
    public PlanRecord withData(String bucket, String prefix) {
        return new PlanRecord(id, trainer, modelPath, endpoint, manifestBucket, manifestKey, startedMillis, pid,
                javaVersion, host, bucket, prefix, gaps, run, rank, latestKey);
    }

    /** What the plan named but cannot upload, one line each. */
    public PlanRecord withGaps(List<String> newGaps) {
        return new PlanRecord(id, trainer, modelPath, endpoint, manifestBucket, manifestKey, startedMillis, pid,
                javaVersion, host, dataBucket, dataPrefix, newGaps, run, rank, latestKey);
    }

    /** The run the plan belongs to, its rank, and where the newest run's pointer goes (null: nowhere). */
    public PlanRecord withRun(String newRun, int newRank, String newLatestKey) {
        return new PlanRecord(id, trainer, modelPath, endpoint, manifestBucket, manifestKey, startedMillis, pid,
                javaVersion, host, dataBucket, dataPrefix, gaps, newRun, newRank, newLatestKey);
    }

    /** The same plan sent to another endpoint, model bucket and manifest, data bucket and prefix. */
    public PlanRecord retargeted(String newEndpoint, String newManifestBucket, String newManifestKey,
                                 String newDataBucket, String newDataPrefix) {
        return new PlanRecord(id, trainer, modelPath, newEndpoint, newManifestBucket, newManifestKey, startedMillis,
                pid, javaVersion, host, newDataBucket, newDataPrefix, gaps, run, rank, latestKey);
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
    /** The data bucket when the plan was made; null when unknown (no data files, or an older journal). */
    public String dataBucket() { return dataBucket; }
    public String dataPrefix() { return dataPrefix; }
    public List<String> gaps() { return gaps; }
    /** The run id ({@code ${run}}); null in a journal written before runs had ids. */
    public String run() { return run; }
    public int rank() { return rank; }
    /** {@code ossagent.latest} when the plan was made, or null. */
    public String latestKey() { return latestKey; }

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
        if (dataBucket != null) {
            values.setProperty("dataBucket", dataBucket);
            values.setProperty("dataPrefix", dataPrefix);
        }
        if (run != null) {
            values.setProperty("run", run);
        }
        values.setProperty("rank", Integer.toString(rank));
        if (latestKey != null) {
            values.setProperty("latest", latestKey);
        }
        for (int i = 0; i < gaps.size(); i++) {
            values.setProperty("gap." + (i + 1), gaps.get(i));
        }
        return values;
    }

    static PlanRecord fromProperties(String id, Properties values, Path file) throws IOException {
        try {
            List<String> gaps = new ArrayList<>();
            for (int i = 1; values.getProperty("gap." + i) != null; i++) {
                gaps.add(values.getProperty("gap." + i));
            }
            return new PlanRecord(id, PropertiesFiles.required(values, "trainer", file),
                    PropertiesFiles.required(values, "modelPath", file), PropertiesFiles.required(values, "endpoint", file),
                    PropertiesFiles.required(values, "manifestBucket", file),
                    PropertiesFiles.required(values, "manifestKey", file),
                    Long.parseLong(PropertiesFiles.required(values, "started", file)),
                    Long.parseLong(values.getProperty("pid", "0")), values.getProperty("java", "unknown"),
                    values.getProperty("host"), values.getProperty("dataBucket"), values.getProperty("dataPrefix"), gaps,
                    values.getProperty("run"), Integer.parseInt(values.getProperty("rank", "0")),
                    values.getProperty("latest"));
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a plan record: " + e.getMessage());
        }
    }
}
