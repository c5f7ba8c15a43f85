package dev.ossagent.it;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.model.ListObjectsRequest;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.OSSObjectSummary;
import com.aliyun.oss.model.ObjectMetadata;
import dev.ossagent.localoss.LocalOss;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A work folder with a settings file and an AccessKey.csv, and a local-oss server on an ephemeral
 * loopback port holding the two buckets of the example settings.
 */
public final class TrainerFixture implements AutoCloseable {
    public static final String MODEL_BUCKET = "hktech-agent-models";
    public static final String DATA_BUCKET = "cloud-training";

    public final Path workDir;
    public final Path settingsFile;
    public final LocalOss server;

    public TrainerFixture(Path workDir) throws IOException {
        this(workDir, null);
    }

    /** @param keyPolicy when not null, the test key may only do these actions (local-oss's key policies) */
    public TrainerFixture(Path workDir, String keyPolicy) throws IOException {
        this.workDir = workDir;
        Files.createDirectories(workDir.resolve("oss-root"));
        LocalOss.Builder builder = LocalOss.builder().port(0).root(workDir.resolve("oss-root"))
                .bucket(MODEL_BUCKET).bucket(DATA_BUCKET);
        server = (keyPolicy == null ? builder.credentials(SecretWatch.KEY_ID, SecretWatch.SECRET)
                : builder.limitedCredentials(SecretWatch.KEY_ID, SecretWatch.SECRET, keyPolicy)).build().start();
        settingsFile = workDir.resolve("oss-agent.properties");
        writeSettings("");
        writeCsv(SecretWatch.KEY_ID, SecretWatch.SECRET);
    }

    /** The example settings pointed at local-oss, plus extra lines. */
    public void writeSettings(String extraLines) throws IOException {
        Files.writeString(settingsFile, String.join("\n",
                "ossagent.target.class=dev.ossagent.demo.DemoTrainer",
                "ossagent.endpoint=" + server.endpoint(),
                "ossagent.model.bucket=" + MODEL_BUCKET,
                "ossagent.model.prefix=models/",
                "ossagent.model.files=models/rssm_model.pt,models/scaler.pkl",
                "ossagent.data.bucket=" + DATA_BUCKET,
                "ossagent.data.prefix=training-data/",
                "ossagent.data.files=training_episodes.json",
                "ossagent.state.dir=" + workDir.resolve("state"),
                "ossagent.exit.timeout=60s",
                // The ITs of the upload itself count its requests and lines; PreflightIT tests the preflight.
                "ossagent.preflight=off",
                extraLines, ""));
    }

    public void writeCsv(String id, String secret) throws IOException {
        Files.writeString(workDir.resolve("AccessKey.csv"), "AccessKey ID,AccessKey Secret\r\n" + id + "," + secret + "\r\n");
        Files.setPosixFilePermissions(workDir.resolve("AccessKey.csv"), PosixFilePermissions.fromString("rw-------"));
    }

    public String agentArg() {
        return "-javaagent:" + Artifacts.agentJar() + "=" + settingsFile;
    }

    /** The demo trainer under the agent, in the work folder (its data folder is the work folder). */
    public JvmRun trainer(Path java, String... trainerArgs) {
        return new JvmRun(java, workDir).jvmArgs(agentArg()).launch("-jar", Artifacts.trainerJar().toString())
                .args("--data-dir", workDir.toString()).args(trainerArgs);
    }

    /** The same trainer without any agent, for comparisons. */
    public JvmRun trainerWithoutAgent(Path java, String... trainerArgs) {
        return new JvmRun(java, workDir).launch("-jar", Artifacts.trainerJar().toString())
                .args("--data-dir", workDir.toString()).args(trainerArgs);
    }

    public String storedSha256(String bucket, String key) throws IOException {
        OSS client = client();
        try (OSSObject object = client.getObject(bucket, key); InputStream in = object.getObjectContent()) {
            return sha256(in.readAllBytes());
        } finally {
            client.shutdown();
        }
    }

    /** Every key stored in the bucket, sorted. */
    public List<String> storedKeys(String bucket) {
        OSS client = client();
        try {
            List<String> keys = new ArrayList<>();
            for (OSSObjectSummary summary : client.listObjects(new ListObjectsRequest(bucket).withMaxKeys(1000)
                    .withEncodingType("url")).getObjectSummaries()) {
                keys.add(URLDecoder.decode(summary.getKey(), StandardCharsets.UTF_8));
            }
            Collections.sort(keys);
            return keys;
        } finally {
            client.shutdown();
        }
    }

    /** Multipart uploads begun and neither completed nor aborted (ListMultipartUploads), as "key uploadId". */
    public List<String> openUploads(String bucket) {
        OSS client = client();
        try {
            List<String> open = new ArrayList<>();
            for (com.aliyun.oss.model.MultipartUpload upload : client.listMultipartUploads(
                    new com.aliyun.oss.model.ListMultipartUploadsRequest(bucket)).getMultipartUploads()) {
                open.add(upload.getKey() + " " + upload.getUploadId());
            }
            return open;
        } finally {
            client.shutdown();
        }
    }

    /** The object's size and CRC64 as a HEAD returns them, "size/crc"; null when there is no object. */
    public String sizeAndCrc(String bucket, String key) {
        OSS client = client();
        try {
            ObjectMetadata meta = client.getObjectMetadata(bucket, key);
            return meta.getContentLength() + "/" + Long.toUnsignedString(meta.getServerCRC());
        } catch (com.aliyun.oss.OSSException e) {
            return null;
        } finally {
            client.shutdown();
        }
    }

    /** The object's metadata, as a HEAD returns it. */
    public ObjectMetadata head(String bucket, String key) {
        OSS client = client();
        try {
            return client.getObjectMetadata(bucket, key);
        } finally {
            client.shutdown();
        }
    }

    /** The object's tags (GetObjectTagging). */
    public Map<String, String> tags(String bucket, String key) {
        OSS client = client();
        try {
            return client.getObjectTagging(bucket, key).getAllTags();
        } finally {
            client.shutdown();
        }
    }

    /** A stored object's bytes as UTF-8 text. */
    public String storedText(String bucket, String key) throws IOException {
        OSS client = client();
        try (OSSObject object = client.getObject(bucket, key); InputStream in = object.getObjectContent()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            client.shutdown();
        }
    }

    private OSS client() {
        ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
        conf.setSignatureVersion(SignVersion.V4);
        conf.setSLDEnabled(true);
        return OSSClientBuilder.create().endpoint(server.endpoint())
                .credentialsProvider(new DefaultCredentialProvider(SecretWatch.KEY_ID, SecretWatch.SECRET))
                .clientConfiguration(conf).region("cn-beijing").build();
    }

    public static String sha256(Path file) throws IOException {
        return sha256(Files.readAllBytes(file));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String withoutAgentLines(String output) {
        StringBuilder kept = new StringBuilder();
        for (String line : output.split("(?<=\n)")) {
            if (!line.startsWith("[oss-agent] ")) {
                kept.append(line);
            }
        }
        return kept.toString();
    }

    public String read(String name) throws IOException {
        return Files.readString(workDir.resolve(name), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop();
    }
}
