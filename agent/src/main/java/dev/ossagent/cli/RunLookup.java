package dev.ossagent.cli;

import dev.ossagent.config.SettingNames;
import dev.ossagent.log.Printable;
import dev.ossagent.log.ShellWord;
import dev.ossagent.manifest.StoredPointer;
import dev.ossagent.manifest.Manifest;
import dev.ossagent.manifest.StoredManifest;
import dev.ossagent.manifest.UnreadableJson;
import dev.ossagent.runs.RunIndex;
import dev.ossagent.runs.StoredRun;
import java.io.IOException;

/** Finds a run's manifest for {@code download}: by the run's name, or through the {@code ossagent.latest} pointer. */
final class RunLookup {
    /** The word that means "the run the latest pointer names". */
    static final String LATEST = "latest";

    /** A run's manifest, read and parsed. */
    static final class Located {
        final String name;
        final String bucket;
        final String manifestKey;
        final StoredManifest manifest;

        Located(String name, String bucket, String manifestKey, StoredManifest manifest) {
            this.name = name;
            this.bucket = bucket;
            this.manifestKey = manifestKey;
            this.manifest = manifest;
        }

        /** The run's folder: where its manifest lies; its files' keys are made relative to it. */
        String folder() {
            return manifestKey.substring(0, manifestKey.length() - Manifest.FILE_NAME.length());
        }
    }

    private final RunStore store;

    RunLookup(RunStore store) {
        this.store = store;
    }

    Located find(String run) throws CliException {
        return run.equals(LATEST) ? latest() : byName(run);
    }

    private Located latest() throws CliException {
        String key = store.settings.latest();
        if (key == null) {
            throw new CliException(ExitCodes.USAGE, "download latest needs " + SettingNames.LATEST
                    + ", the key of the pointer to the newest complete run (e.g. models/LATEST.json); or name the run"
                    + " (java -jar oss-agent.jar list --runs)");
        }
        StoredPointer pointer;
        try {
            pointer = StoredPointer.parse(read(store.bucket, key, "latest pointer"));
        } catch (UnreadableJson e) {
            throw new CliException(ExitCodes.FAILED, "the latest pointer " + store.bucket + "/" + key
                    + " cannot be read: " + e.getMessage());
        }
        if (!pointer.manifest().endsWith(Manifest.FILE_NAME)) {
            throw new CliException(ExitCodes.REFUSED, "the latest pointer " + store.bucket + "/" + key
                    + " names no " + Manifest.FILE_NAME);
        }
        String name = pointer.run().isEmpty() ? LATEST : pointer.run();
        try {
            return located(name, pointer.bucket(), pointer.manifest());
        } catch (CliException e) {
            if (e.exitCode() != ExitCodes.MISSING) {
                throw e;
            }
            throw new CliException(ExitCodes.MISSING, "the latest pointer " + store.bucket + "/" + key + " names run "
                    + Printable.cut(name, RunsTable.RUN_WIDTH) + ", whose manifest " + pointer.bucket() + "/" + pointer.manifest() + " is not in OSS; "
                    + newestComplete(pointer.manifest()));
        }
    }

    /** Names the newest run with a manifest (by the manifest's time), for a pointer that names none. */
    private String newestComplete(String notThis) throws CliException {
        RunIndex index = store.index(1000);
        RunIndex.Found newest = null;
        for (RunIndex.Found found : index.manifests()) {
            if (!found.key.equals(notThis) && found.lastModified != null
                    && (newest == null || found.lastModified.isAfter(newest.lastModified))) {
                newest = found;
            }
        }
        if (newest == null) {
            return "no run under " + store.bucket + "/" + store.prefix.base() + " has a manifest";
        }
        String run = index.nameOf(newest);
        return "the newest complete run there is " + Printable.cut(run, RunsTable.RUN_WIDTH) + " (" + store.bucket + "/" + newest.key
                + "): java -jar oss-agent.jar download " + ShellWord.of(run) + " DIR";
    }

    /** The manifest in the folder of that name; else the one whose "run" field says so. */
    private Located byName(String run) throws CliException {
        RunIndex index = store.index(1000);
        for (RunIndex.Found found : index.manifests()) {
            if (index.nameOf(found).equals(run)) {
                return located(run, store.bucket, found.key);
            }
        }
        for (RunIndex.Found found : index.manifests()) {
            try {
                StoredManifest manifest = StoredManifest.parse(read(store.bucket, found.key, "manifest"));
                if (run.equals(manifest.run())) {
                    return new Located(run, store.bucket, found.key, manifest);
                }
            } catch (UnreadableJson | CliException e) {
                // not this run's: list --runs names unreadable manifests
            }
        }
        for (StoredRun incomplete : index.incomplete()) {
            if (incomplete.name.equals(run)) {
                throw new CliException(ExitCodes.MISSING, "run " + run + " (" + store.bucket + "/" + incomplete.folder
                        + ") has no manifest: its upload did not complete, so there is nothing to verify its files"
                        + " against");
            }
        }
        throw new CliException(ExitCodes.MISSING, "no run " + run + " under " + store.bucket + "/"
                + store.prefix.base() + "; java -jar oss-agent.jar list --runs shows the runs there");
    }

    private Located located(String name, String bucket, String key) throws CliException {
        try {
            return new Located(name, bucket, key, StoredManifest.parse(read(bucket, key, "manifest")));
        } catch (UnreadableJson e) {
            throw new CliException(ExitCodes.FAILED, "manifest " + bucket + "/" + key + " cannot be read: "
                    + e.getMessage());
        }
    }

    private String read(String bucket, String key, String what) throws CliException {
        try {
            return store.text(bucket, key);
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "the " + what + " " + bucket + "/" + key + " could not be read ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }
}
