package dev.ossagent.transfer;

import com.aliyun.oss.internal.OSSHeaders;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.WebServiceRequest;
import dev.ossagent.config.Encryption;
import dev.ossagent.config.LocalHost;
import dev.ossagent.config.Settings;
import java.util.Map;

/**
 * What every object of one plan carries besides its bytes: user metadata ({@code x-oss-meta-run},
 * {@code -trainer}, and {@code -sha256} where it is known before the body goes), tags, storage class, server-side
 * encryption, and with {@code ossagent.overwrite=false} {@code x-oss-forbid-overwrite}. The manifest gets the
 * same but no storage class (a manifest in Archive could not be read back); the LATEST pointer only the
 * encryption and the run (it exists to be replaced).
 */
public final class ObjectHeaders {
    static final String FORBID_OVERWRITE = "x-oss-forbid-overwrite";
    static final String RUN = "run";
    static final String TRAINER = "trainer";
    static final String SHA256 = "sha256";
    static final String AGENT = "oss-agent";
    static final String HOST = "host";

    private final boolean overwrite;
    private final Map<String, String> tags;
    private final String storageClass;
    private final Encryption encryption;
    private final String run;
    private final String trainer;

    private ObjectHeaders(Settings settings, String run, String trainer) {
        this.overwrite = settings.overwrite();
        this.tags = settings.tags();
        this.storageClass = settings.storageClass();
        this.encryption = settings.encryption();
        this.run = run;
        this.trainer = trainer;
    }

    /** @param run the run id, or null (a plan journaled before runs had ids) */
    public static ObjectHeaders of(Settings settings, String run, String trainer) {
        return new ObjectHeaders(settings, run, trainer);
    }

    /**
     * For a PutObject ({@code sha256} known) or an InitiateMultipartUpload ({@code sha256} null). An upload is marked
     * as the agent's (with its host; the run is there already), so an incomplete one left in OSS can be told apart.
     */
    ObjectMetadata forFile(String contentType, String sha256) {
        ObjectMetadata metadata = forManifest(contentType);
        if (sha256 != null) {
            metadata.addUserMetadata(SHA256, sha256);
        } else {
            metadata.addUserMetadata(AGENT, agentVersion());
            metadata.addUserMetadata(HOST, MetadataText.encode(LocalHost.name()));
        }
        if (storageClass != null) {
            metadata.setHeader(OSSHeaders.OSS_STORAGE_CLASS, storageClass);
        }
        return metadata;
    }

    ObjectMetadata forManifest(String contentType) {
        ObjectMetadata metadata = forPointer(contentType);
        if (trainer != null) {
            metadata.addUserMetadata(TRAINER, MetadataText.encode(trainer));
        }
        if (!tags.isEmpty()) {
            metadata.setObjectTagging(tags);
        }
        if (!overwrite) {
            metadata.setHeader(FORBID_OVERWRITE, "true");
        }
        return metadata;
    }

    ObjectMetadata forPointer(String contentType) {
        ObjectMetadata metadata = new ObjectMetadata();
        metadata.setContentType(contentType);
        if (run != null) {
            metadata.addUserMetadata(RUN, MetadataText.encode(run));
        }
        if (encryption.algorithm() != null) {
            metadata.setServerSideEncryption(encryption.algorithm());
        }
        if (encryption.kmsKeyId() != null) {
            metadata.setServerSideEncryptionKeyId(encryption.kmsKeyId());
        }
        return metadata;
    }

    /** CompleteMultipartUpload: the object appears only now, so this is where OSS refuses to replace one. */
    void forbidOverwrite(WebServiceRequest request) {
        if (!overwrite) {
            request.addHeader(FORBID_OVERWRITE, "true");
        }
    }

    private static String agentVersion() {
        String version = ObjectHeaders.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    boolean overwrite() {
        return overwrite;
    }
}
