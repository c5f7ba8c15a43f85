package dev.ossagent.restore;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.OSSObject;
import dev.ossagent.config.RestoreSettings;
import dev.ossagent.config.SettingNames;
import dev.ossagent.config.Settings;
import dev.ossagent.credentials.CredentialChain;
import dev.ossagent.credentials.ResolvedCredentials;
import dev.ossagent.download.FetchOutcome;
import dev.ossagent.download.FileFetch;
import dev.ossagent.download.LocalTarget;
import dev.ossagent.download.ObjectSource;
import dev.ossagent.failure.ErrorText;
import dev.ossagent.log.AgentLog;
import dev.ossagent.log.Sizes;
import dev.ossagent.manifest.StoredManifest;
import dev.ossagent.transfer.OssClients;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code ossagent.restore}: at the first target class load, before the target runs, the run's model files are
 * fetched into {@code ossagent.restore.dir}, each verified as {@code download} verifies it (size, CRC64, SHA-256,
 * atomic rename), one line each; so the trainer's own "resume if a checkpoint is there" finds them. Only into an
 * empty or absent folder, never over a file. Bounded by {@code ossagent.restore.timeout}; any failure is one ERROR
 * line and the trainer goes on, from scratch.
 */
public final class RestoreOnStart {
    private RestoreOnStart() {
    }

    public static void run(Settings settings) {
        RestoreSettings restore = settings.restore();
        if (restore.run() == null) {
            return;
        }
        Path dir = restore.dir();
        if (!usable(dir)) {
            return;
        }
        AtomicReference<OSS> client = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                fetch(settings, dir, client);
            } catch (Throwable t) {
                AgentLog.error("restore of " + restore.run() + " into " + dir + " failed (" + ErrorText.of(t)
                        + "); training starts without it");
            }
        }, "oss-agent-restore");
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join(restore.timeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            AgentLog.error("restore of " + restore.run() + " into " + dir + " did not finish within "
                    + SettingNames.RESTORE_TIMEOUT + "=" + restore.timeout().getSeconds() + "s; training starts without"
                    + " what is not there yet");
            OSS open = client.get();
            if (open != null) {
                open.shutdown(); // what is mid-transfer stops; only verified files were renamed into place
            }
            worker.interrupt();
        }
    }

    /** Absent or empty: yes. A file, or a folder that holds anything: one line, and no. */
    private static boolean usable(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            AgentLog.error(SettingNames.RESTORE_DIR + "=" + dir + " is not a folder; nothing restored, training starts"
                    + " without it");
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            if (entries.iterator().hasNext()) {
                AgentLog.info("restore: " + dir + " already holds files; left untouched (the trainer resumes from"
                        + " them)");
                return false;
            }
            return true;
        } catch (IOException e) {
            AgentLog.error(SettingNames.RESTORE_DIR + "=" + dir + " cannot be read (" + e.getClass().getSimpleName()
                    + "); nothing restored");
            return false;
        }
    }

    private static void fetch(Settings settings, Path dir, AtomicReference<OSS> clientRef) throws Exception {
        String wanted = settings.restore().run();
        ResolvedCredentials credentials = CredentialChain.of(settings, System.getenv()).resolve();
        OSS client = OssClients.create(settings, credentials);
        clientRef.set(client);
        try {
            RestoredRun run = RestoredRun.find(client, settings);
            if (run == null) {
                if (wanted.equals(RestoreSettings.LATEST)) {
                    AgentLog.info("restore: no run in " + settings.modelBucket() + " yet; training starts fresh");
                } else {
                    AgentLog.error("restore: there is no run " + wanted + " in " + settings.modelBucket()
                            + "; training starts fresh (java -jar oss-agent.jar list --runs shows the runs)");
                }
                return;
            }
            Path folder = Files.createDirectories(dir).toRealPath();
            FileFetch fetch = new FileFetch(source(client));
            int restored = 0;
            for (StoredManifest.Entry entry : run.manifest.files()) {
                String name = modelFileName(entry, run);
                if (name == null) {
                    continue; // a data file: the trainer resumes from its model files
                }
                if (entry.problem != null) {
                    AgentLog.error("restore: " + entry.bucket + "/" + entry.key + " skipped: " + entry.problem);
                    continue;
                }
                Path target = LocalTarget.prepare(folder, name);
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    AgentLog.warn("restore: " + target + " appeared meanwhile; not overwritten");
                    continue;
                }
                FetchOutcome outcome = fetch.fetch(entry, target, null);
                if (outcome.kind == FetchOutcome.Kind.FETCHED) {
                    restored++;
                    AgentLog.info("restored " + target + " (" + Sizes.human(entry.size) + ", size, CRC64 and SHA-256"
                            + " verified) from run " + run.name);
                } else {
                    AgentLog.error("restore: " + entry.bucket + "/" + entry.key + " -> " + target + ": "
                            + outcome.detail);
                }
            }
            if (restored == 0) {
                AgentLog.warn("restore: run " + run.name + " has no model files to restore");
            }
        } finally {
            client.shutdown();
        }
    }

    /** The key relative to the run's folder for a model file of the run; null for other files (data). */
    private static String modelFileName(StoredManifest.Entry entry, RestoredRun run) {
        String folder = run.folder();
        if (entry.bucket.equals(run.bucket) && entry.key.startsWith(folder) && entry.key.length() > folder.length()) {
            return entry.key.substring(folder.length());
        }
        return null;
    }

    private static ObjectSource source(OSS client) {
        return (bucket, key, from) -> {
            GetObjectRequest request = new GetObjectRequest(bucket, key);
            if (from > 0) {
                request.setRange(from, -1);
            }
            OSSObject object = client.getObject(request);
            Object range = object.getObjectMetadata().getRawMetadata().get("Content-Range");
            boolean honoured = from > 0 && range != null && range.toString().startsWith("bytes " + from + "-");
            return new ObjectSource.Body(object.getObjectContent(), honoured ? from : 0);
        };
    }
}
