package dev.ossagent.download;

import com.aliyun.oss.OSSException;
import com.aliyun.oss.event.ProgressEvent;
import com.aliyun.oss.event.ProgressEventType;
import com.aliyun.oss.event.ProgressListener;
import dev.ossagent.integrity.IncrementalDigest;
import dev.ossagent.manifest.StoredManifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Downloads one manifest entry to its target: a file already there with the manifest's size, CRC64 and SHA-256 is
 * kept; otherwise the bytes go to a partial file beside the target (continued with a Range GET when an earlier run
 * left one), are hashed as they arrive, and the partial file becomes the target by an atomic rename only once all
 * three match. Files are opened without following links.
 */
public final class FileFetch {
    private static final int BUFFER = 256 * 1024;

    private final ObjectSource source;

    public FileFetch(ObjectSource source) {
        this.source = source;
    }

    /** {@code progress} may be null. SDK failures pass through (the partial file, if any, stays). */
    public FetchOutcome fetch(StoredManifest.Entry entry, Path target, ProgressListener progress) throws IOException {
        if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Files.size(target) == entry.size) {
            IncrementalDigest existing = IncrementalDigest.crcAndSha256().addFile(target, LinkOption.NOFOLLOW_LINKS);
            if (existing.crc64() == entry.crc64 && existing.sha256Hex().equals(entry.sha256)) {
                return new FetchOutcome(FetchOutcome.Kind.ALREADY_THERE, "already there with the manifest's size, CRC64"
                        + " and SHA-256; not fetched again", 0);
            }
        }
        Path partial = LocalTarget.partial(target);
        long kept = keptBytes(partial, entry.size);
        Attempt attempt = new Attempt(entry, partial, progress);
        FetchOutcome outcome = continued(attempt, kept);
        long earlier = attempt.received;
        if (outcome == null && kept > 0) {
            // The partial file may hold bytes of an older object under that key: start over once.
            Files.deleteIfExists(partial);
            attempt = new Attempt(entry, partial, progress);
            outcome = attempt.run(0);
        }
        if (outcome == null) {
            Files.deleteIfExists(partial);
            return new FetchOutcome(FetchOutcome.Kind.NOT_VERIFIED, attempt.mismatch() + "; not kept",
                    earlier + attempt.received);
        }
        if (kept > 0 && attempt.received != earlier) {
            outcome = new FetchOutcome(outcome.kind, outcome.detail, earlier + outcome.received);
        }
        if (outcome.kind == FetchOutcome.Kind.FETCHED) {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return outcome;
    }

    /**
     * Continues from {@code kept} bytes; null (start over) also when the object is now shorter than them (OSS answers
     * such a range with InvalidRange), so a changed object cannot leave a partial file that fails every run alike.
     */
    private static FetchOutcome continued(Attempt attempt, long kept) throws IOException {
        try {
            return attempt.run(kept);
        } catch (OSSException e) {
            if (kept > 0 && "InvalidRange".equals(e.getErrorCode())) {
                return null;
            }
            throw e;
        }
    }

    /** Bytes of a partial file an earlier run left that can be continued; one that cannot is deleted. */
    private static long keptBytes(Path partial, long size) throws IOException {
        if (!Files.exists(partial, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        if (Files.isRegularFile(partial, LinkOption.NOFOLLOW_LINKS)) {
            long kept = Files.size(partial);
            if (kept <= size) {
                return kept;
            }
        }
        Files.delete(partial); // a link is removed, never followed
        return 0;
    }

    /** One pass: hash what the partial file holds, fetch the rest, compare. */
    private final class Attempt {
        private final StoredManifest.Entry entry;
        private final Path partial;
        private final ProgressListener progress;
        private final IncrementalDigest digest = IncrementalDigest.crcAndSha256();
        private long length;
        private long received;

        Attempt(StoredManifest.Entry entry, Path partial, ProgressListener progress) {
            this.entry = entry;
            this.partial = partial;
            this.progress = progress;
        }

        /** FETCHED or INTERRUPTED; null when the bytes do not match the manifest. */
        FetchOutcome run(long kept) throws IOException {
            if (kept > 0) {
                digest.addFile(partial, LinkOption.NOFOLLOW_LINKS);
                length = kept;
            }
            event(ProgressEventType.TRANSFER_STARTED_EVENT, 0);
            event(ProgressEventType.RESPONSE_BYTE_TRANSFER_EVENT, length);
            try {
                if (length < entry.size || entry.size == 0) {
                    FetchOutcome broken = receive();
                    if (broken != null) {
                        return broken;
                    }
                }
            } finally {
                event(ProgressEventType.TRANSFER_COMPLETED_EVENT, 0);
            }
            return mismatch() == null ? new FetchOutcome(FetchOutcome.Kind.FETCHED, kept > 0 ? "continued from "
                    + kept + " bytes already in the partial file" : "", received) : null;
        }

        private FetchOutcome receive() throws IOException {
            ObjectSource.Body body = source.open(entry.bucket, entry.key, length);
            try (InputStream in = body.in;
                 FileChannel out = FileChannel.open(partial, openOptions(body.start))) {
                if (body.start == 0 && length > 0) {
                    digest.reset(); // the server sent the whole object: start the file over
                    length = 0;
                }
                byte[] buffer = new byte[BUFFER];
                while (true) {
                    int n;
                    try {
                        n = in.read(buffer);
                    } catch (IOException e) {
                        out.force(false);
                        return new FetchOutcome(FetchOutcome.Kind.INTERRUPTED, "the transfer broke off after "
                                + length + " of " + entry.size + " bytes (" + e.getClass().getSimpleName() + ")",
                                received);
                    }
                    if (n < 0) {
                        break;
                    }
                    if (length + n > entry.size) {
                        length += n; // longer than the manifest says: fails verification, nothing more written
                        break;
                    }
                    out.write(ByteBuffer.wrap(buffer, 0, n));
                    digest.update(buffer, 0, n);
                    length += n;
                    received += n;
                    event(ProgressEventType.RESPONSE_BYTE_TRANSFER_EVENT, n);
                }
                out.force(true);
            }
            return null;
        }

        /** Never through a link at the partial file's name, even one planted after it was checked (O_NOFOLLOW). */
        private OpenOption[] openOptions(long start) {
            return start == 0
                    ? new OpenOption[] {StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS}
                    : new OpenOption[] {StandardOpenOption.WRITE, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS};
        }

        /** What differs from the manifest, or null when size, CRC64 and SHA-256 all match. */
        String mismatch() {
            if (length > entry.size) {
                return "it has more bytes than the manifest's " + entry.size;
            }
            if (length != entry.size) {
                return "its size is " + length + " bytes, the manifest says " + entry.size;
            }
            if (digest.crc64() != entry.crc64) {
                return "its CRC64 is " + Long.toUnsignedString(digest.crc64()) + ", the manifest says "
                        + Long.toUnsignedString(entry.crc64);
            }
            String sha256 = digest.sha256Hex();
            return sha256.equals(entry.sha256) ? null : "its SHA-256 is " + sha256 + ", the manifest says " + entry.sha256;
        }

        private void event(ProgressEventType type, long bytes) {
            if (progress != null && (bytes > 0 || type != ProgressEventType.RESPONSE_BYTE_TRANSFER_EVENT)) {
                progress.progressChanged(new ProgressEvent(type, bytes));
            }
        }
    }

}
