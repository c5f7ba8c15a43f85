package dev.ossagent.transfer;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
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
import dev.ossagent.integrity.Crc64;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
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
    /** The part buffers of the plan's files. */
    private final PartBuffers buffers;

    /**
     * @param threads     parts of one file sent at once
     * @param connections parts of all files sent at once (the session's connection bound)
     */
    MultipartUpload(OSS client, Retrier retrier, int threads, int connections, BandwidthCap cap, PlanAbort abort) {
        this(client, retrier, threads, connections, cap, abort, PartBuffers.ofHeap());
    }

    MultipartUpload(OSS client, Retrier retrier, int threads, int connections, BandwidthCap cap, PlanAbort abort,
                    PartBuffers buffers) {
        this.buffers = buffers;
        this.abort = abort;
        this.client = client;
        this.retrier = retrier;
        this.threads = threads;
        this.cap = cap;
        this.pool = UploadThreads.pool("oss-agent-part-", connections);
    }

    /** What a multipart upload sent: the object's CRC64 and the SHA-256 of the file's bytes. */
    static final class Sent {
        final SentCrc crc;
        final byte[] sha256;

        Sent(SentCrc crc, byte[] sha256) {
            this.crc = crc;
            this.sha256 = sha256;
        }
    }

    /**
     * Uploads the opened {@code version} of the file, every part read through it, resuming from the checkpoint at
     * {@code base} when it fits. Completes it only when the version was not rewritten in place meanwhile; otherwise
     * aborts it (the object in OSS stays what it was) and throws {@link FileChanged}.
     *
     * @return the CRC64 of the object, combined from the CRC64 of each part as it was read and sent (a resumed part's
     *         is checked against the file first, {@link StoredParts}), so the CRC64 of the file's own bytes; confirmed
     *         when the completion's answer carried the same CRC64. And the SHA-256 of the same bytes.
     */
    Sent upload(PlannedFile file, FileVersion version, long configuredPartSize, Path base, TransferProgress progress,
                ObjectHeaders headers) {
        FileSnapshot snapshot = version.snapshot;
        for (int start = 1; ; start++) {
            MultipartCheckpoint checkpoint = resumeOrBegin(file, snapshot, configuredPartSize, base, headers);
            try {
                byte[] sha256 = sendParts(file, version, checkpoint, progress);
                String torn = tornBy(version);
                if (torn != null) {
                    // Completing would store parts of two versions over a good object: abort instead.
                    abort(file, checkpoint);
                    checkpoint.delete();
                    throw new FileChanged(torn);
                }
                SentCrc crc = complete(file, checkpoint, headers);
                checkpoint.delete();
                return new Sent(crc, sha256);
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

    /**
     * Sends the parts OSS does not hold yet.
     *
     * @return the SHA-256 of the file's bytes
     */
    private byte[] sendParts(PlannedFile file, FileVersion version, MultipartCheckpoint checkpoint,
                             TransferProgress progress) {
        FileSnapshot snapshot = version.snapshot;
        int count = PartSizes.count(snapshot.size, checkpoint.partSize);
        Map<Integer, PartETag> stored = new StoredParts(client, retrier).stillMatching(file, version, checkpoint);
        Set<Integer> missing = new TreeSet<>();
        long storedBytes = 0;
        for (int number = 1; number <= count; number++) {
            PartETag part = stored.get(number);
            if (part != null && part.getPartSize() == PartSizes.length(snapshot.size, checkpoint.partSize, number)) {
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
        // A file of fewer parts, or smaller than one, holds no more than it needs.
        try (PartBuffers.Pool held = buffers.reserve(Math.min(checkpoint.partSize, snapshot.size),
                Math.min(threads + 1, count))) {
            if (held != null) {
                return sendReadOnce(file, version, checkpoint, progress, count, missing, held);
            }
        }
        // Without room for whole parts: each part is read where it lies, and the file again for its SHA-256.
        FutureTask<byte[]> hashing = sha256InBackground(version);
        try {
            sendWhereTheyLie(file, version, checkpoint, progress, count, missing);
            return ObjectUploader.await(hashing, file);
        } finally {
            hashing.cancel(true);
        }
    }

    /**
     * Reads the file once, in order ({@link SequentialParts}), and sends each missing part from its buffer on up
     * to {@code threads} part threads; the reader waits for a free buffer, so at most threads + 1 parts are held.
     */
    private byte[] sendReadOnce(PlannedFile file, FileVersion version, MultipartCheckpoint checkpoint,
                                TransferProgress progress, int count, Set<Integer> missing, PartBuffers.Pool held) {
        SequentialParts reader = new SequentialParts(version, checkpoint.partSize);
        BlockingQueue<ReadPart> ready = new LinkedBlockingQueue<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable sender = () -> {
            try {
                for (ReadPart part; (part = ready.take()) != ReadPart.END; ) {
                    try {
                        if (failure.get() == null) {
                            abort.check(); // no further part of an aborted upload
                            ReadPart read = part;
                            PartETag stored = retrier.call("part " + part.number + " of " + count + " of "
                                    + file.objectName(), () -> sendPart(file, checkpoint, read, progress));
                            checkpoint.partStored(stored);
                        }
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        held.give(part.bytes);
                    }
                }
            } catch (InterruptedException e) {
                failure.compareAndSet(null, new IllegalStateException("interrupted while sending parts of "
                        + file.objectName()));
            }
        };
        int senders = Math.min(threads, missing.size());
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            workers.add(pool.submit(sender));
        }
        try {
            for (int number = 1; number <= count && failure.get() == null; number++) {
                abort.check();
                byte[] buffer = held.take();
                long crc;
                try {
                    crc = reader.readNext(buffer);
                } catch (RuntimeException e) {
                    held.give(buffer);
                    throw e;
                }
                if (missing.contains(number)) {
                    ready.add(new ReadPart(number, buffer, reader.length(number), crc));
                } else {
                    held.give(buffer); // in OSS already (StoredParts checked it); read for the SHA-256
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.forEach(worker -> worker.cancel(true));
            throw new IllegalStateException("interrupted while reading " + file.path());
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            workers.forEach(worker -> ready.add(ReadPart.END));
        }
        awaitAll(workers, file);
        if (failure.get() != null) {
            throw failure.get();
        }
        return reader.sha256();
    }

    /** A part read into a buffer, waiting for a part thread. */
    private static final class ReadPart {
        static final ReadPart END = new ReadPart(0, null, 0, 0);

        final int number;
        final byte[] bytes;
        final int length;
        final long crc64;

        ReadPart(int number, byte[] bytes, int length, long crc64) {
            this.number = number;
            this.bytes = bytes;
            this.length = length;
            this.crc64 = crc64;
        }
    }

    private PartETag sendPart(PlannedFile file, MultipartCheckpoint checkpoint, ReadPart part,
                              TransferProgress progress) {
        TransferProgress.Attempt attempt = progress.attempt();
        PartBody body = new PartBody(part.bytes, part.length, cap, attempt::sent);
        try {
            UploadPartRequest request = new UploadPartRequest(file.bucket(), file.key(), checkpoint.uploadId,
                    part.number, body, part.length);
            // The server's CRC64 of what it received must be the one of the bytes read (InconsistentException).
            UploadPartResult result = DirectBodies.sending(body, () -> client.uploadPart(request));
            SentCrc.check(part.crc64, result);
            attempt.answered();
            return new PartETag(part.number, result.getETag(), part.length, part.crc64);
        } catch (RuntimeException e) {
            attempt.failed();
            throw e;
        }
    }

    /** Each part read positionally by the part thread that sends it ({@link FileSlice}). */
    private void sendWhereTheyLie(PlannedFile file, FileVersion version, MultipartCheckpoint checkpoint,
                                  TransferProgress progress, int count, Set<Integer> missing) {
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
        for (int i = 0; i < Math.min(threads, missing.size()); i++) {
            workers.add(pool.submit(worker));
        }
        awaitAll(workers, file);
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private static void awaitAll(List<Future<?>> workers, PlannedFile file) {
        try {
            for (Future<?> running : workers) {
                running.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            for (Future<?> running : workers) {
                running.cancel(true);
            }
            throw new IllegalStateException("interrupted while sending parts of " + file.objectName());
        } catch (ExecutionException e) {
            throw new IllegalStateException("part upload of " + file.objectName() + " failed", e.getCause());
        }
    }

    private PartETag sendPart(PlannedFile file, FileVersion version, MultipartCheckpoint checkpoint, int number,
                              TransferProgress progress) {
        long offset = (number - 1) * checkpoint.partSize;
        long length = PartSizes.length(version.snapshot.size, checkpoint.partSize, number);
        return SliceRequest.send(version, offset, length, null, cap, false, progress, body -> {
            UploadPartRequest request = new UploadPartRequest(file.bucket(), file.key(), checkpoint.uploadId, number,
                    body, length);
            // The CRC64 of what was read and sent, compared with the server's (InconsistentException).
            UploadPartResult result = client.uploadPart(request);
            return new PartETag(number, result.getETag(), length, SentCrc.check(body, result).crc64);
        });
    }

    private static FutureTask<byte[]> sha256InBackground(FileVersion version) {
        FutureTask<byte[]> task = new FutureTask<>(version::sha256);
        Thread thread = new Thread(task, "oss-agent-digest");
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    private SentCrc complete(PlannedFile file, MultipartCheckpoint checkpoint, ObjectHeaders headers) {
        List<PartETag> parts = new ArrayList<>(checkpoint.storedParts().values());
        long crc = 0;
        Crc64.Shift shift = null;
        long shiftLength = -1;
        for (PartETag part : parts) {
            if (part.getPartSize() != shiftLength) { // every part but the last has the part size: built once or twice
                shiftLength = part.getPartSize();
                shift = Crc64.Shift.over(shiftLength);
            }
            crc = shift.combine(crc, part.getPartCRC());
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
}
