package dev.ossagent.upload;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.event.ProgressEventType;
import com.aliyun.oss.event.ProgressListener;
import com.aliyun.oss.internal.Mimetypes;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PutObjectRequest;
import dev.ossagent.config.SettingNames;
import dev.ossagent.config.Settings;
import dev.ossagent.config.TransferSettings;
import dev.ossagent.journal.UploadedFile;
import dev.ossagent.log.AgentLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Sends one file and proves it arrived: skips it when OSS already holds the same bytes, sends it as one
 * PutObject or (from {@code ossagent.multipart.threshold}) as a resumable multipart upload, then checks that
 * the file did not change meanwhile and that the object's size and CRC64 equal the file's. Only then is the
 * file reported uploaded; otherwise it is sent again, a few times at most.
 */
public final class ObjectUploader {
    private static final int MAX_ROUNDS = 3;

    private final OSS client;
    private final TransferSettings transfer;
    private final Path checkpointDir;
    private final Retrier retrier;
    private final MultipartUpload multipart;

    public ObjectUploader(OSS client, Settings settings) {
        this.client = client;
        this.transfer = settings.transfer();
        this.checkpointDir = settings.stateDir().resolve("multipart");
        this.retrier = new Retrier(transfer, TokenRenewal.of(client));
        this.multipart = new MultipartUpload(client, retrier, transfer.threads());
    }

    /** For the command line: {@code bar} (may be null) shows progress instead of periodic log lines. */
    public UploadedFile upload(PlannedFile file, ProgressListener bar) {
        return upload(file, "cli", null, bar);
    }

    /**
     * @param owner   names the multipart checkpoint: a journal entry's own, so concurrent plans never share one
     * @param overall the exit hook's totals, or null
     */
    UploadedFile upload(PlannedFile file, String owner, UploadProgress overall, ProgressListener bar) {
        long interval = bar == null ? transfer.progressInterval().toNanos() : 0;
        TransferProgress progress = new TransferProgress(file.objectName(), file.size(), interval, overall, bar);
        progress.publish(ProgressEventType.TRANSFER_STARTED_EVENT);
        try {
            UploadedFile result = send(file, checkpointDir.resolve(checkpointName(owner, file)), progress);
            progress.publish(ProgressEventType.TRANSFER_COMPLETED_EVENT);
            return result;
        } catch (RuntimeException e) {
            progress.publish(ProgressEventType.TRANSFER_FAILED_EVENT);
            throw e;
        } finally {
            progress.finished(file.size());
        }
    }

    /** The same retry rules for the small requests around the transfers (the manifest). */
    Retrier retrier() {
        return retrier;
    }

    private UploadedFile send(PlannedFile file, Path checkpoint, TransferProgress progress) {
        long start = System.nanoTime();
        FileDigest digest = null;
        FileSnapshot digested = null;
        String problem = null;
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            FileSnapshot before = snapshot(file);
            if (round == 1 && transfer.skipUnchanged()) {
                ObjectMetadata remote = headOrNull(file);
                if (remote != null && remote.getContentLength() == before.size && remote.getServerCRC() != null) {
                    digest = digestNow(file);
                    digested = before;
                    if (digest.crc64 == remote.getServerCRC() && snapshot(file).sameAs(before)) {
                        AgentLog.info(file.objectName() + " is already in OSS with the same size and CRC64; not sent"
                                + " again (" + SettingNames.SKIP_UNCHANGED + "=false sends it anyway)");
                        return result(file, before, digest.crc64, digest, (System.nanoTime() - start) / 1e9, true);
                    }
                }
            }
            // The SHA-256 is read while the upload runs; unchanged size and mtime afterwards tie the two together.
            FutureTask<FileDigest> digesting = digest != null && digested.sameAs(before)
                    ? ready(digest) : digestInBackground(file.path());
            long sentCrc;
            try {
                if (round > 1) {
                    progress.restart();
                }
                if (before.size > 0 && before.size >= transfer.multipartThreshold()) {
                    sentCrc = multipart.upload(file, before, transfer.partSize(), checkpoint, progress);
                } else {
                    sentCrc = put(file, before.size, progress);
                }
                digest = await(digesting, file);
                digested = before;
            } catch (RuntimeException e) {
                digesting.cancel(true);
                if (!Files.exists(file.path())) {
                    multipart.discard(file, checkpoint);
                    throw new LocalFileGone(file.path());
                }
                throw e;
            }
            if (!snapshot(file).sameAs(before)) {
                problem = "it kept changing while it was being sent";
                AgentLog.warn(file.path() + " changed while it was being uploaded; sending it again");
                continue;
            }
            problem = verify(file, before.size, sentCrc);
            if (problem == null) {
                double seconds = (System.nanoTime() - start) / 1e9;
                long resumed = progress.resumedBytes();
                AgentLog.info(String.format(Locale.ROOT, "uploaded %s (%s, %.2f s, %s%s; size and CRC64 verified)",
                        file.objectName(), Sizes.human(before.size), seconds, Sizes.rate(before.size - resumed, seconds),
                        resumed > 0 ? ", " + Sizes.human(resumed) + " of it already in OSS" : ""));
                return result(file, before, sentCrc, digest, seconds, false);
            }
            AgentLog.warn("the object " + file.objectName() + " does not match " + file.path() + ": " + problem
                    + "; sending it again");
        }
        throw new NotVerified(file.objectName() + " was not verified after " + MAX_ROUNDS + " tries: " + problem);
    }

    /** @return the CRC64 the SDK computed of the bytes it sent (and checked against the server's) */
    private long put(PlannedFile file, long size, TransferProgress progress) {
        String contentType = Mimetypes.getInstance().getMimetype(file.path().toFile(), file.key());
        return retrier.call("PUT " + file.objectName(), () -> SliceRequest.send(file, 0, size, progress, (body, attempt) -> {
            ObjectMetadata metadata = new ObjectMetadata();
            metadata.setContentLength(size);
            metadata.setContentType(contentType);
            PutObjectRequest request = new PutObjectRequest(file.bucket(), file.key(), body, metadata);
            request.setProgressListener(attempt);
            // The SDK compares the CRC64 of what it sent with the server's (InconsistentException).
            return SentCrc.of(client.putObject(request));
        }));
    }

    /**
     * Null when the object is what was read from the file; otherwise what differs. With the file unchanged
     * from before the upload to after it, that makes the object equal to the file.
     */
    private String verify(PlannedFile file, long size, long sentCrc) {
        ObjectMetadata meta = retrier.call("HEAD " + file.objectName(),
                () -> client.headObject(file.bucket(), file.key()));
        if (meta.getContentLength() != size) {
            return "it has " + meta.getContentLength() + " bytes, the file " + size;
        }
        Long crc = meta.getServerCRC();
        if (crc != null && crc != sentCrc) {
            return "its CRC64 is " + Long.toUnsignedString(crc) + ", the file's " + Long.toUnsignedString(sentCrc);
        }
        return null;
    }

    private ObjectMetadata headOrNull(PlannedFile file) {
        return retrier.call("HEAD " + file.objectName(), () -> {
            try {
                return client.headObject(file.bucket(), file.key());
            } catch (OSSException e) {
                if ("NoSuchKey".equals(e.getErrorCode())) {
                    return null;
                }
                throw e;
            }
        });
    }

    private static UploadedFile result(PlannedFile file, FileSnapshot snapshot, long crc64, FileDigest digest,
                                       double seconds, boolean skipped) {
        return new UploadedFile(file.path().toString(), file.bucket(), file.key(), snapshot.size,
                Long.toUnsignedString(crc64), digest.sha256, seconds, skipped);
    }

    private static FileSnapshot snapshot(PlannedFile file) {
        try {
            return FileSnapshot.of(file.path());
        } catch (NoSuchFileException e) {
            throw new LocalFileGone(file.path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.path(), e);
        }
    }

    private static FileDigest digestNow(PlannedFile file) {
        return await(digestTask(file.path(), true), file);
    }

    private static FutureTask<FileDigest> ready(FileDigest digest) {
        FutureTask<FileDigest> task = new FutureTask<>(() -> digest);
        task.run();
        return task;
    }

    private static FutureTask<FileDigest> digestInBackground(Path path) {
        FutureTask<FileDigest> task = digestTask(path, false);
        Thread thread = new Thread(task, "oss-agent-digest");
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    private static FutureTask<FileDigest> digestTask(Path path, boolean withCrc64) {
        return new FutureTask<>(() -> FileDigest.of(path, withCrc64));
    }

    private static FileDigest await(FutureTask<FileDigest> task, PlannedFile file) {
        task.run(); // no-op when already run or running elsewhere
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + file.path());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                throw new LocalFileGone(file.path());
            }
            throw new UncheckedIOException("cannot read " + file.path(),
                    e.getCause() instanceof IOException ? (IOException) e.getCause() : new IOException(e.getCause()));
        }
    }

    /** One checkpoint per owner, object and local file; a hash keeps the name short and path-safe. */
    static String checkpointName(String owner, PlannedFile file) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((owner + "\n" + file.bucket() + "\n" + file.key()
                    + "\n" + file.path()).getBytes(StandardCharsets.UTF_8));
            StringBuilder name = new StringBuilder();
            for (int i = 0; i < 12; i++) {
                name.append(String.format(Locale.ROOT, "%02x", hash[i]));
            }
            return name.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
