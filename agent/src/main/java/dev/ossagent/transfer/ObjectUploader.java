package dev.ossagent.transfer;

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
import dev.ossagent.failure.LocalFileGone;
import dev.ossagent.failure.NotVerified;
import dev.ossagent.failure.ObjectExists;
import dev.ossagent.integrity.FileDigest;
import dev.ossagent.integrity.FileSnapshot;
import dev.ossagent.integrity.FileVersion;
import dev.ossagent.integrity.ObjectCheck;
import dev.ossagent.journal.StateDir;
import dev.ossagent.journal.UploadedFile;
import dev.ossagent.log.AgentLog;
import dev.ossagent.log.Sizes;
import dev.ossagent.plan.PlannedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends one file and proves it arrived: skips it when OSS already holds the same bytes, sends it as one
 * PutObject or (from {@code ossagent.multipart.threshold}) as a resumable multipart upload, then checks that
 * the file did not change meanwhile and that the object's size and CRC64 equal the file's. Only then is the
 * file reported uploaded; otherwise it is sent again, a few times at most.
 */
public final class ObjectUploader {
    private static final int MAX_ROUNDS = 3;
    /** The largest PutObject that carries x-oss-meta-sha256: the default multipart threshold. */
    private static final long SHA256_HEADER_MAX = 100L * 1024 * 1024;

    private final OSS client;
    private final Settings settings;
    private final TransferSettings transfer;
    private final Path checkpointDir;
    private final Retrier retrier;
    private final BandwidthCap cap;
    private volatile Map<String, RemoteListing> listings = Map.of();
    private List<PlannedFile> toList;
    private final MultipartUpload multipart;

    public ObjectUploader(OSS client, Settings settings) {
        this(client, settings, new PlanAbort());
    }

    ObjectUploader(OSS client, Settings settings, PlanAbort abort) {
        this.client = client;
        this.settings = settings;
        this.transfer = settings.transfer();
        this.checkpointDir = StateDir.at(settings.stateDir()).checkpoints(); // null: checkpoints in memory only
        this.cap = new BandwidthCap(transfer.maxBandwidth(), abort);
        this.retrier = new Retrier(transfer, new ConnectionSlots(transfer.connections()), TokenRenewal.of(client),
                EndpointState.of(settings.endpoint().url()), abort);
        this.multipart = new MultipartUpload(client, retrier, transfer.threads(), transfer.connections(), cap,
                abort);
    }

    /**
     * For the command line: {@code bar} (may be null) shows progress instead of periodic log lines; the objects
     * carry this process's run id and {@code command line} as the trainer.
     */
    public UploadedFile upload(PlannedFile file, ProgressListener bar) {
        return upload(file, ObjectHeaders.of(settings, settings.run().id(), "command line"), "cli", null, bar);
    }

    /**
     * @param owner   names the multipart checkpoint: a journal entry's own, so concurrent plans never share one
     * @param overall the exit hook's totals, or null
     */
    UploadedFile upload(PlannedFile file, ObjectHeaders headers, String owner, UploadProgress overall,
                        ProgressListener bar) {
        return upload(file, headers, owner, overall, bar, null);
    }

    /** @param retries counts the file's failed requests and new starts, for the events' attempts; may be null */
    UploadedFile upload(PlannedFile file, ObjectHeaders headers, String owner, UploadProgress overall,
                        ProgressListener bar, AtomicInteger retries) {
        RemoteListing listing = listings.get(file.bucket());
        long interval = bar == null ? transfer.progressInterval().toNanos() : 0;
        TransferProgress progress = new TransferProgress(file.objectName(), file.size(), interval, overall, bar,
                retries);
        progress.publish(ProgressEventType.TRANSFER_STARTED_EVENT);
        Path checkpoint = checkpointDir == null ? null : checkpointDir.resolve(checkpointName(owner, file));
        try {
            UploadedFile result = send(file, headers, checkpoint, progress, listing);
            listOnce();
            progress.publish(ProgressEventType.TRANSFER_COMPLETED_EVENT);
            return result;
        } catch (PlanAbort.Aborted e) {
            multipart.discard(file, checkpoint); // nothing will resume an aborted upload: its parts go now
            progress.publish(ProgressEventType.TRANSFER_FAILED_EVENT);
            throw e;
        } catch (RuntimeException e) {
            progress.publish(ProgressEventType.TRANSFER_FAILED_EVENT);
            throw e;
        } finally {
            progress.finished(file.size());
        }
    }

    /**
     * Before a set of files: for skip-unchanged, list once what OSS holds under the prefix they share in each bucket,
     * so each file needs no HEAD of its own. The listing is made once the first file is uploaded (that one is
     * looked up with a HEAD): a wrong key, a missing bucket or a server that cannot be reached then costs what it
     * cost before, and is reported by that file. When a listing fails or is too long, each file gets a HEAD.
     */
    public synchronized void listBefore(List<PlannedFile> files) {
        if (transfer.skipUnchanged() && files.size() > 2) {
            toList = files;
        }
    }

    private void listOnce() {
        List<PlannedFile> files;
        synchronized (this) {
            files = toList;
            toList = null;
        }
        if (files != null) {
            listings = RemoteListing.forFiles(client, retrier, files);
        }
    }

    /** Bytes read for sending under {@code ossagent.upload.max-bandwidth}; 0 when no cap is set. */
    long bytesPaced() {
        return cap.paced();
    }

    /** The same retry rules for the small requests around the transfers (the manifest). */
    Retrier retrier() {
        return retrier;
    }

    private UploadedFile send(PlannedFile file, ObjectHeaders headers, Path checkpoint, TransferProgress progress,
                              RemoteListing listing) {
        long start = System.nanoTime();
        FileDigest digest;
        String problem = null;
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            FileSnapshot before = snapshot(file);
            if (round == 1 && transfer.skipUnchanged()) {
                FileDigest same = alreadyInOss(file, before, listing);
                if (same != null) {
                    return result(file, before, same.crc64, same, (System.nanoTime() - start) / 1e9, true);
                }
            }
            SentCrc sent;
            boolean changed = false;
            boolean replaced;
            // One open file for the whole upload: every part and hash reads this version, whatever is saved meanwhile.
            FileVersion version = open(file);
            try {
                before = version.snapshot;
                if (round > 1) {
                    progress.restart();
                }
                if (before.size > 0 && before.size >= transfer.multipartThreshold()) {
                    // Parts go out in parallel (some perhaps stored by an earlier process); each part's CRC64 is
                    // taken as it is read, and the SHA-256 of the file in the same pass.
                    MultipartUpload.Sent parts = multipart.upload(file, version, transfer.partSize(), checkpoint,
                            progress, headers);
                    sent = parts.crc;
                    digest = new FileDigest(sent.crc64, parts.sha256);
                } else {
                    // x-oss-meta-sha256 goes before the body, so the SHA-256 is read first (from the page cache the
                    // second time); the bytes sent must have the same one. Not for a file above the default multipart
                    // threshold sent whole: reading it twice would cost its throughput (the manifest has its SHA-256).
                    String sha256 = before.size > SHA256_HEADER_MAX ? null : FileDigest.hex(await(
                            new FutureTask<>(version::sha256), file));
                    Put put = put(file, version, progress, headers, sha256);
                    sent = put.crc;
                    digest = put.digest;
                    changed = sha256 != null && !digest.sha256.equals(sha256);
                }
                replaced = replaced(version);
            } catch (FileChanged e) {
                problem = abandoned(file, e.getMessage());
                continue;
            } catch (OSSException e) {
                if (!ObjectExists.CODE.equals(e.getErrorCode())) {
                    throw e;
                }
                multipart.discard(file, checkpoint); // a refused completion leaves its parts: abort them
                return alreadyThere(file, before, (System.nanoTime() - start) / 1e9);
            } catch (RuntimeException e) {
                if (!Files.exists(file.path())) {
                    multipart.discard(file, checkpoint);
                    throw new LocalFileGone(file.path());
                }
                String torn = tornOrNull(version);
                if (torn != null) {
                    // Read short or failed because it was rewritten in place (truncated first): a change, not an error.
                    problem = abandoned(file, torn);
                    continue;
                }
                throw e;
            } finally {
                close(version);
            }
            if (changed) {
                problem = "it kept changing while it was being sent";
                AgentLog.warn(file.path() + " changed while it was being uploaded; sending it again");
                continue;
            }
            if (replaced) {
                // A rename-writer saved again: the opened save went whole; the newer one is its own upload.
                AgentLog.info("a newer save replaced " + file.path() + " while it was being uploaded; "
                        + file.objectName() + " is the whole save that was there when the upload began");
            }
            // Verified means the object's CRC64 is the CRC64 of the file's bytes (for a PutObject, the bytes read
            // as they were sent). When the answer of the PutObject or CompleteMultipartUpload carried that CRC64,
            // no HEAD is needed.
            problem = sent.confirmed && sent.crc64 == digest.crc64 ? null : verify(file, before.size, digest.crc64);
            if (problem == null) {
                double seconds = (System.nanoTime() - start) / 1e9;
                long resumed = progress.resumedBytes();
                AgentLog.info(String.format(Locale.ROOT, "uploaded %s (%s, %.2f s, %s%s; size and CRC64 verified)",
                        file.objectName(), Sizes.human(before.size), seconds, Sizes.rate(before.size - resumed, seconds),
                        resumed > 0 ? ", " + Sizes.human(resumed) + " of it already in OSS" : ""));
                return result(file, before, digest.crc64, digest, seconds, false);
            }
            AgentLog.warn("the object " + file.objectName() + " does not match " + file.path() + ": " + problem
                    + "; sending it again");
        }
        throw new NotVerified(file.objectName() + " was not verified after " + MAX_ROUNDS + " tries: " + problem);
    }

    /** Not completed: the object in OSS is still the last good one. The file is opened again. */
    private static String abandoned(PlannedFile file, String change) {
        AgentLog.warn(file.path() + " changed while it was being uploaded (" + change + "); that upload was abandoned,"
                + " so " + file.objectName() + " was not replaced by a mix of versions; sending it again");
        return "it kept changing while it was being sent (" + change + ")";
    }

    /** Whether the path no longer names the uploaded version (a newer save renamed over it, or it is gone). */
    private static boolean replaced(FileVersion version) {
        try {
            return version.replaced();
        } catch (IOException e) {
            return true;
        }
    }

    private static String tornOrNull(FileVersion version) {
        try {
            return version.tornBy();
        } catch (IOException e) {
            return null;
        }
    }

    private static void close(FileVersion version) {
        try {
            version.close();
        } catch (IOException e) {
            // a read-only channel: nothing was written that closing could lose
        }
    }

    /** A PutObject's outcome: the CRC64 and SHA-256 of the bytes it read and sent, in one pass. */
    private static final class Put {
        final SentCrc crc;
        final FileDigest digest;

        Put(SentCrc crc, FileDigest digest) {
            this.crc = crc;
            this.digest = digest;
        }
    }

    private Put put(PlannedFile file, FileVersion version, TransferProgress progress, ObjectHeaders headers,
                    String fileSha256) {
        String contentType = Mimetypes.getInstance().getMimetype(file.path().toFile(), file.key());
        long size = version.snapshot.size;
        return retrier.call("PUT " + file.objectName(), () -> {
            MessageDigest sha256 = FileDigest.sha256();
            return SliceRequest.send(version, 0, size, sha256, cap, true, progress, body -> {
                ObjectMetadata metadata = headers.forFile(contentType, fileSha256);
                metadata.setContentLength(size);
                PutObjectRequest request = new PutObjectRequest(file.bucket(), file.key(), body, metadata);
                SentCrc sent = SentCrc.check(body, client.putObject(request));
                return new Put(sent, new FileDigest(sent.crc64, sha256.digest()));
            });
        });
    }

    /**
     * Under {@code ossagent.overwrite=false} OSS refused to replace the object (FileAlreadyExists): the same size
     * and CRC64 as the file make it this file's upload; anything else is this file's permanent failure.
     */
    private UploadedFile alreadyThere(PlannedFile file, FileSnapshot before, double seconds) {
        ObjectMetadata remote = headOrNull(file);
        FileDigest digest = digestNow(file, null);
        String problem = remote == null ? "it was deleted meanwhile"
                : ObjectCheck.problem(remote.getContentLength(), remote.getServerCRC(), before.size, digest.crc64);
        if (problem == null && snapshot(file).sameAs(before)) {
            AgentLog.info(file.objectName() + " already exists with the same size and CRC64 as " + file.path()
                    + "; counted as uploaded (" + SettingNames.OVERWRITE + "=false, so it was not sent again)");
            return result(file, before, digest.crc64, digest, seconds, true);
        }
        throw new ObjectExists(file.objectName() + " already exists and differs from " + file.path() + " ("
                + (problem != null ? problem : "the file changed meanwhile") + "); not replaced, since "
                + SettingNames.OVERWRITE + "=false");
    }

    /**
     * Null when the object is what was read from the file; otherwise what differs. With the file unchanged
     * from before the upload to after it, that makes the object equal to the file.
     */
    private String verify(PlannedFile file, long size, long fileCrc) {
        ObjectMetadata meta = headOrNull(file);
        if (meta == null && ReadRefusals.known("head")) {
            // Verified rests on the CRC64 of OSS's answer, and this answer carried none (or another one).
            throw new NotVerified(file.objectName() + " was sent, but OSS's answer carried no matching CRC64 and this"
                    + " key may not read the object back (HEAD) to verify it");
        }
        if (meta == null) {
            return "it is not there";
        }
        return ObjectCheck.problem(meta.getContentLength(), meta.getServerCRC(), size, fileCrc);
    }

    /**
     * The file's digest when OSS already holds the same bytes at its key, else null. With a listing: an object
     * missing or of another size needs no request; one from a PutObject is compared by MD5 with its ETag; one from
     * a multipart upload by CRC64, from a HEAD. Without a listing, a HEAD and the CRC64.
     */
    private FileDigest alreadyInOss(PlannedFile file, FileSnapshot before, RemoteListing listing) {
        RemoteListing.Listed listed = listing == null ? null : listing.get(file);
        if (listing != null && (listed == null || listed.size != before.size)) {
            return null;
        }
        if (listed != null && listed.md5 != null) {
            MessageDigest md5 = md5();
            FileDigest digest = digestNow(file, md5);
            String local = FileDigest.hex(md5.digest());
            if (local.equals(listed.md5) && snapshot(file).sameAs(before)) {
                AgentLog.info(file.objectName() + " is already in OSS with the same size and MD5 (its ETag); not sent"
                        + " again (" + SettingNames.SKIP_UNCHANGED + "=false sends it anyway)");
                return digest;
            }
            return null;
        }
        ObjectMetadata remote = headOrNull(file);
        if (remote != null && remote.getContentLength() == before.size && remote.getServerCRC() != null) {
            FileDigest digest = digestNow(file, null);
            if (digest.crc64 == remote.getServerCRC() && snapshot(file).sameAs(before)) {
                AgentLog.info(file.objectName() + " is already in OSS with the same size and CRC64; not sent"
                        + " again (" + SettingNames.SKIP_UNCHANGED + "=false sends it anyway)");
                return digest;
            }
        }
        return null;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has MD5", e);
        }
    }

    /** Null when there is no such object, or when this key may not HEAD it (said once; then not asked again). */
    private ObjectMetadata headOrNull(PlannedFile file) {
        if (ReadRefusals.known("head")) {
            return null;
        }
        try {
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
        } catch (RuntimeException e) {
            if (!ReadRefusals.refused(e)) {
                throw e;
            }
            ReadRefusals.note("head", "read an object's metadata (HEAD, oss:GetObject)", e, "every file is sent"
                    + " without checking whether OSS already holds it, and verified by the CRC64 OSS returns for its"
                    + " PutObject or CompleteMultipartUpload");
            return null;
        }
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

    private static FileDigest digestNow(PlannedFile file, MessageDigest md5) {
        return await(new FutureTask<>(() -> FileDigest.of(file.path(), md5)), file);
    }

    private static FileVersion open(PlannedFile file) {
        try {
            return FileVersion.open(file.path());
        } catch (NoSuchFileException e) {
            throw new LocalFileGone(file.path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.path(), e);
        }
    }

    /** Runs {@code task} here unless it already runs elsewhere, and waits for it; file errors as the upload's. */
    static <T> T await(FutureTask<T> task, PlannedFile file) {
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
        byte[] hash = FileDigest.sha256().digest((owner + "\n" + file.bucket() + "\n" + file.key() + "\n"
                + file.path()).getBytes(StandardCharsets.UTF_8));
        return FileDigest.hex(hash).substring(0, 24);
    }
}
