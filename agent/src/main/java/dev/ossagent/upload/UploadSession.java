package dev.ossagent.upload;

import com.aliyun.oss.OSS;
import dev.ossagent.config.Settings;
import dev.ossagent.credentials.CredentialChain;
import dev.ossagent.credentials.CredentialsException;
import dev.ossagent.credentials.ResolvedCredentials;
import dev.ossagent.log.AgentLog;
import java.util.List;

/**
 * Uploads one plan: resolve credentials, open one client, send each file, shut the client down.
 * An auth or configuration error stops the session (every further file would fail the same way).
 */
public final class UploadSession implements UploadQueue.Uploader {
    private final Settings settings;

    public UploadSession(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void upload(UploadPlan plan, UploadProgress progress) {
        List<PlannedFile> files = plan.files();
        int done = 0;
        try {
            ResolvedCredentials credentials = resolveCredentials();
            if (credentials == null) {
                return;
            }
            OSS client = OssClients.create(settings, credentials.credentials());
            try {
                ObjectUploader uploader = new ObjectUploader(client);
                for (PlannedFile file : files) {
                    try {
                        uploader.upload(file);
                    } catch (RuntimeException e) {
                        UploadFailure failure = UploadFailure.of(e, file, credentials, settings);
                        AgentLog.error(failure.message());
                        if (failure.stopsSession()) {
                            return;
                        }
                    } finally {
                        progress.fileDone(file);
                        done++;
                    }
                }
            } finally {
                client.shutdown();
            }
        } finally {
            int notUploaded = files.size() - done;
            for (int i = done; i < files.size(); i++) {
                progress.fileDone(files.get(i));
            }
            if (notUploaded > 0) {
                AgentLog.error(notUploaded + " of " + files.size() + " files from " + plan.modelPath()
                        + " were not uploaded");
            }
        }
    }

    private ResolvedCredentials resolveCredentials() {
        try {
            ResolvedCredentials resolved = new CredentialChain(System.getenv(), settings.credentialsCsv(),
                    settings.file(), settings.fileAccessKeyId(), settings.fileAccessKeySecret()).resolve();
            AgentLog.info("credentials: " + resolved.source() + ", id " + resolved.credentials().maskedId());
            return resolved;
        } catch (CredentialsException e) {
            AgentLog.error(e.getMessage());
            return null;
        }
    }
}
