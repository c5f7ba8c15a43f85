package dev.ossagent.transfer;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.utils.CRC64;
import com.aliyun.oss.internal.Mimetypes;
import com.aliyun.oss.model.AbortMultipartUploadRequest;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.CompleteMultipartUploadResult;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.UploadPartRequest;
import com.aliyun.oss.model.UploadPartResult;
import dev.ossagent.failure.ErrorText;
import dev.ossagent.failure.LocalFileGone;
import dev.ossagent.integrity.FileSnapshot;
import dev.ossagent.integrity.FileVersion;
import dev.ossagent.log.AgentLog;
import dev.ossagent.log.Sizes;
import dev.ossagent.plan.PlannedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A resumable multipart upload on the SDK's part operations: parts go in parallel on daemon threads, each
 * request retried on its own, each stored part recorded in a {@link MultipartCheckpoint} so a later process
 * sends only what is missing.
 *
 * <p>Not the SDK's {@code uploadFile}: its part pool is made of non-daemon threads, which keep the JVM
 * from even starting its shutdown (and so the exit timeout) until every part is sent; it also retries a
 * failed part only by rerunning the whole call.
 */
final class MultipartUpload {
    private final OSS client;
    private final Retrier retrier;
    private final int threads;
    private final BandwidthCap cap;
    /** Part threads of all files, kept between files (no threads started per part or per file). */
    private final ExecutorService pool;
    private final PlanAbort abort;

    /**
     * @param threads     parts of one file sent at once
     * @param connections parts of all files sent at once (the session's connection bound)
     */
    MultipartUpload(OSS client, Retrier retrier, int threads, int connections, BandwidthCap cap, PlanAbort abort) {
        this.abort = abort;
        this.client = client;
        this.retrier = retrier;
        this.threads = threads;
        this.cap = cap;
        this.pool = UploadThreads.pool("oss-agent-part-", connections);
    }

    /**
     * Uploads the opened {@code version} of the file, every part read through it, resuming from the checkpoint at
     * {@code base} when it fits. Completes it only when the version was not rewritten in place meanwhile; otherwise
     * aborts it (the object in OSS stays what it was) and throws {@link FileChanged}.
     *
     * @return the CRC64 of the object, combined from the CRC64 of each part as it was read and sent (a resumed part's
     *         is checked against the file first, {@link StoredParts}), so the CRC64 of the file's own bytes; confirmed
     *         when the completion's answer carried the same CRC64
     */
    SentCrc upload(PlannedFile file, FileVersion version, long configuredPartSize, Path base, TransferProgress progress,
                   ObjectHeaders headers) {
        FileSnapshot snapshot = version.snapshot;
        for (int start = 1; ; start++) {
            MultipartCheckpoint checkpoint = resumeOrBegin(file, snapshot, configuredPartSize, base, headers);
            try {
                sendParts(file, version, checkpoint, progress);
                String torn = tornBy(version);
                if (torn != null) {
                    // Completing would store parts of two versions over a good object: abort instead.
                    abort(file, checkpoint);
                    checkpoint.delete();
                    throw new FileChanged(torn);
                }
                SentCrc crc = complete(file, checkpoint, headers);
                checkpoint.delete();
                return crc;
            } catch (OSSException e) {
                if (start > 1 || !isGoneUpload(e)) {
                    abandonUnlessResumable(file, checkpoint);
                    throw e;
                }
                // Aborted or expired on the server: its parts are gone, begin again once.
                AgentLog.warn("the multipart upload of " + file.objectName() + " no longer exists on the server ("
                        + e.getErrorCode() + "); starting a new one");
                checkpoint.delete();
                progress.restart();
            } catch (FileChanged e) {
                throw e;
            } catch (RuntimeException e) {
                abandonUnlessResumable(file, checkpoint);
                throw e;
            }
        }
    }

    private static String tornBy(FileVersion version) {
        try {
            return version.tornBy();
        } catch (NoSuchFileException e) {
            throw new LocalFileGone(version.path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + version.path(), e);
        }
    }

    /** An upload no checkpoint on disk describes could never be resumed: abort it rather than leave its parts. */
    private void abandonUnlessResumable(PlannedFile file, MultipartCheckpoint checkpoint) {
        if (!checkpoint.durable()) {
            abort(file, checkpoint);
        }
    }

    /** Aborts the upload a checkpoint describes and deletes the checkpoint: nothing will resume it. */
    void discard(PlannedFile file, Path base) {
        MultipartCheckpoint checkpoint = MultipartCheckpoint.load(base);
        if (checkpoint != null) {
            abort(file, checkpoint);
            checkpoint.delete();
        }
    }

    private MultipartCheckpoint resumeOrBegin(PlannedFile file, FileSnapshot snapshot, long configuredPartSize,
                                              Path base, ObjectHeaders headers) {
        MultipartCheckpoint checkpoint = MultipartCheckpoint.load(base);
        if (checkpoint != null && !checkpoint.matches(file, snapshot)) {
            AgentLog.info(file.path() + " changed since its multipart upload began; aborting that upload and starting anew");
            abort(file, checkpoint);
            checkpoint.delete();
            checkpoint = null;
        }
        if (checkpoint != null) {
            return checkpoint;
        }
        final long partSize = PartSizes.choose(snapshot.size, configuredPartSize);
        // No x-oss-meta-sha256: it is not known before the parts are read; the manifest holds it.
        final ObjectMetadata metadata = headers.forFile(Mimetypes.getInstance().getMimetype(file.path().toFile(),
                file.key()), null);
        String uploadId = retrier.call("initiate multipart upload of " + file.objectName(),
                () -> client.initiateMultipartUpload(new InitiateMultipartUploadRequest(file.bucket(), file.key(),
                        metadata)).getUploadId());
        try {
            return MultipartCheckpoint.create(base, file, snapshot, partSize, uploadId);
        } catch (IOException e) {
            AgentLog.warn("cannot write the multipart checkpoint " + base + " (" + e.getMessage() + "); uploading "
                    + file.objectName() + " without it, so a crash could not be resumed");
            return MultipartCheckpoint.inMemory(file, snapshot, partSize, uploadId);
        }
    }

    private void sendParts(PlannedFile file, FileVersion version, MultipartCheckpoint checkpoint,
                           TransferProgress progress) {
        FileSnapshot snapshot = version.snapshot;
        int count = PartSizes.count(snapshot.size, checkpoint.partSize);
        Map<Integer, PartETag> stored = new StoredParts(client, retrier).stillMatching(file, version, checkpoint);
        List<Integer> missing = new ArrayList<>();
        long storedBytes = 0;
        for (int number = 1; number <= count; number++) {
            PartETag part = stored.get(number);
            if (part != null && part.getPartSize() == partLength(snapshot.size, checkpoint.partSize, number)) {
                storedBytes += part.getPartSize();
            } else {
                missing.add(number);
            }
        }
        if (storedBytes > 0) {
            progress.resumed(storedBytes);
            AgentLog.info("resuming " + file.objectName() + ": " + (count - missing.size()) + " of " + count
                    + " parts (" + Sizes.human(storedBytes) + ") are already in OSS; sending the other " + missing.size());
        }
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Queue<Integer> queue = new ConcurrentLinkedQueue<>(missing);
        Runnable worker = () -> {
            Integer number;
            while (failure.get() == null && (number = queue.poll()) != null) {
                final int n = number;
                try {
                    abort.check(); // no further part of an aborted upload
                    PartETag part = retrier.call("part " + n + " of " + count + " of " + file.objectName(),
                            () -> sendPart(file, version, checkpoint, n, progress));
                    checkpoint.partStored(part);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        List<Future<?>> workers = new ArrayList<>();
        try {
            for (int i = 0; i < Math.min(threads, missing.size()); i++) {
                workers.add(pool.submit(worker));
            }
            for (Future<?> running : workers) {
                running.get();
            }
        } catch (InterruptedException e) {
            failure.compareAndSet(null, new IllegalStateException("interrupted while sending parts of " + file.objectName()));
            Thread.currentThread().interrupt();
            for (Future<?> running : workers) {
                running.cancel(true);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("part upload of " + file.objectName() + " failed", e.getCause());
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private PartETag sendPart(PlannedFile file, FileVersion version, MultipartCheckpoint checkpoint, int number,
                              TransferProgress progress) {
        long offset = (number - 1) * checkpoint.partSize;
        long length = partLength(version.snapshot.size, checkpoint.partSize, number);
        return SliceRequest.send(version, offset, length, null, cap, false, progress, body -> {
            UploadPartRequest request = new UploadPartRequest(file.bucket(), file.key(), checkpoint.uploadId, number,
                    body, length);
            // The CRC64 of what was read and sent, compared with the server's (InconsistentException).
            UploadPartResult result = client.uploadPart(request);
            return new PartETag(number, result.getETag(), length, SentCrc.check(body, result).crc64);
        });
    }

    private SentCrc complete(PlannedFile file, MultipartCheckpoint checkpoint, ObjectHeaders headers) {
        List<PartETag> parts = new ArrayList<>(checkpoint.storedParts().values());
        long crc = 0;
        for (PartETag part : parts) {
            crc = CRC64.combine(crc, part.getPartCRC(), part.getPartSize());
        }
        final CompleteMultipartUploadRequest request = new CompleteMultipartUploadRequest(file.bucket(), file.key(),
                checkpoint.uploadId, parts);
        headers.forbidOverwrite(request);
        final AtomicBoolean sentBefore = new AtomicBoolean();
        CompleteMultipartUploadResult result = retrier.call("complete multipart upload of " + file.objectName(), () -> {
            try {
                return client.completeMultipartUpload(request);
            } catch (OSSException e) {
                if (sentBefore.get() && "NoSuchUpload".equals(e.getErrorCode())) {
                    return null; // an earlier attempt completed it and its answer was lost; verification decides
                }
                throw e;
            } finally {
                sentBefore.set(true);
            }
        });
        // A lost answer, or one without a CRC64 (or a different one), leaves the verification to a HEAD.
        Long server = result == null ? null : result.getServerCRC();
        return new SentCrc(crc, server != null && server == crc);
    }

    private void abort(PlannedFile file, MultipartCheckpoint checkpoint) {
        try {
            retrier.call("abort multipart upload of " + file.objectName(), () -> {
                client.abortMultipartUpload(new AbortMultipartUploadRequest(file.bucket(), file.key(),
                        checkpoint.uploadId));
                return null;
            });
        } catch (OSSException e) {
            if (!"NoSuchUpload".equals(e.getErrorCode())) {
                AgentLog.warn("could not abort the multipart upload " + checkpoint.uploadId + " of " + file.objectName()
                        + " (" + e.getErrorCode() + "); its parts stay until a lifecycle rule removes them");
            }
        } catch (RuntimeException e) {
            AgentLog.warn("could not abort the multipart upload " + checkpoint.uploadId + " of " + file.objectName()
                    + " (" + ErrorText.of(e) + "); its parts stay until a lifecycle rule removes them");
        }
    }

    private static boolean isGoneUpload(OSSException e) {
        return "NoSuchUpload".equals(e.getErrorCode()) || "InvalidPart".equals(e.getErrorCode());
    }

    private static long partLength(long size, long partSize, int number) {
        return Math.min(partSize, size - (number - 1) * partSize);
    }
}
