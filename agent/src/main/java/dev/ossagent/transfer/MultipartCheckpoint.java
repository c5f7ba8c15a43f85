package dev.ossagent.transfer;

import com.aliyun.oss.model.PartETag;
import dev.ossagent.integrity.FileSnapshot;
import dev.ossagent.journal.OwnerCheck;
import dev.ossagent.journal.PrivateFiles;
import dev.ossagent.journal.PropertiesFiles;
import dev.ossagent.log.AgentLog;
import dev.ossagent.plan.PlannedFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where one multipart upload stands, kept in the state dir so another process can carry on: {@code NAME.upload}
 * (upload id, part size, and the file's size and mtime when it began; written whole) and {@code NAME.parts}
 * (one line per stored part, appended; a line torn by a kill is ignored and that part is sent again).
 * Without a usable state dir, or once it cannot be written (disk full), it is kept in memory only
 * ({@link #durable()} is false): the upload goes on, but nothing could resume it after a crash.
 */
final class MultipartCheckpoint {
    /** Null in memory. */
    private Path header;
    private Path partsLog;
    final String uploadId;
    final long partSize;
    private final String path;
    private final String bucket;
    private final String key;
    private final long fileSize;
    private final long fileModifiedMillis;
    private final Map<Integer, PartETag> stored = new TreeMap<>();

    private MultipartCheckpoint(Path base, Properties values) {
        this.header = base == null ? null : base.resolveSibling(base.getFileName() + ".upload");
        this.partsLog = base == null ? null : base.resolveSibling(base.getFileName() + ".parts");
        this.uploadId = values.getProperty("uploadId");
        this.partSize = Long.parseLong(values.getProperty("partSize"));
        this.path = values.getProperty("path");
        this.bucket = values.getProperty("bucket");
        this.key = values.getProperty("key");
        this.fileSize = Long.parseLong(values.getProperty("size"));
        this.fileModifiedMillis = Long.parseLong(values.getProperty("modified"));
    }

    /** The checkpoint at {@code base}, or null when there is none (or no base), or it is unreadable or untrusted. */
    static MultipartCheckpoint load(Path base) {
        if (base == null) {
            return null;
        }
        Path header = base.resolveSibling(base.getFileName() + ".upload");
        if (!Files.isRegularFile(header, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            Path parts = base.resolveSibling(base.getFileName() + ".parts");
            OwnerCheck owners = OwnerCheck.forThisUser();
            for (Path file : new Path[] {header, parts}) {
                String wrong = Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? owners.problem(file) : null;
                if (wrong != null) {
                    AgentLog.warn("the multipart checkpoint " + file + " " + wrong + "; not used (the upload starts"
                            + " anew)");
                    return null;
                }
            }
            MultipartCheckpoint checkpoint = new MultipartCheckpoint(base, PropertiesFiles.read(header));
            if (checkpoint.uploadId == null || checkpoint.partSize <= 0) {
                return null;
            }
            checkpoint.readParts();
            return checkpoint;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A new checkpoint on disk at {@code base}, or in memory when {@code base} is null. */
    static MultipartCheckpoint create(Path base, PlannedFile file, FileSnapshot snapshot, long partSize, String uploadId)
            throws IOException {
        if (base == null) {
            return inMemory(file, snapshot, partSize, uploadId);
        }
        Properties values = header(file, snapshot, partSize, uploadId);
        MultipartCheckpoint checkpoint = new MultipartCheckpoint(base, values);
        PrivateFiles.createDirectories(base.getParent());
        Files.deleteIfExists(checkpoint.partsLog);
        PropertiesFiles.write(checkpoint.header, values);
        return checkpoint;
    }

    /** A checkpoint no later process will see: for when the state dir cannot be written. */
    static MultipartCheckpoint inMemory(PlannedFile file, FileSnapshot snapshot, long partSize, String uploadId) {
        return new MultipartCheckpoint(null, header(file, snapshot, partSize, uploadId));
    }

    private static Properties header(PlannedFile file, FileSnapshot snapshot, long partSize, String uploadId) {
        Properties values = new Properties();
        values.setProperty("uploadId", uploadId);
        values.setProperty("partSize", Long.toString(partSize));
        values.setProperty("path", file.path().toString());
        values.setProperty("bucket", file.bucket());
        values.setProperty("key", file.key());
        values.setProperty("size", Long.toString(snapshot.size));
        values.setProperty("modified", Long.toString(snapshot.modifiedMillis()));
        return values;
    }

    /** Whether a later process could resume from it. */
    synchronized boolean durable() {
        return header != null;
    }

    /** Made for this file and object, and the file has not changed since (else its parts hold other bytes). */
    boolean matches(PlannedFile file, FileSnapshot snapshot) {
        return file.path().toString().equals(path) && file.bucket().equals(bucket) && file.key().equals(key)
                && snapshot.size == fileSize && snapshot.modifiedMillis() == fileModifiedMillis;
    }

    synchronized Map<Integer, PartETag> storedParts() {
        return new TreeMap<>(stored);
    }

    /**
     * Records a part the server has confirmed (its CRC64 checked). When that cannot be written (disk full),
     * the checkpoint goes on in memory only; the files already written stay until this upload ends.
     */
    synchronized void partStored(PartETag part) {
        stored.put(part.getPartNumber(), part);
        if (partsLog == null) {
            return;
        }
        String line = uploadId + " " + part.getPartNumber() + " " + part.getETag() + " " + part.getPartSize() + " "
                + Long.toUnsignedString(part.getPartCRC()) + "\n";
        try (FileChannel log = PrivateFiles.open(partsLog, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            log.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            AgentLog.warn("cannot write the multipart checkpoint " + partsLog + " (" + e.getMessage() + "); going on"
                    + " without it, so a crash now could not be resumed");
            delete();
            header = null;
            partsLog = null;
        }
    }

    synchronized void delete() {
        if (header == null) {
            return;
        }
        try {
            Files.deleteIfExists(header);
            Files.deleteIfExists(partsLog);
        } catch (IOException e) {
            // a stale checkpoint is recognised by its upload id and file stamp, and replaced
        }
    }

    private void readParts() throws IOException {
        if (!Files.isRegularFile(partsLog)) {
            return;
        }
        List<String> lines = Files.readAllLines(partsLog, StandardCharsets.UTF_8);
        for (String line : lines) {
            String[] fields = line.trim().split(" ");
            if (fields.length != 5 || !fields[0].equals(uploadId)) {
                continue;
            }
            try {
                int number = Integer.parseInt(fields[1]);
                stored.put(number, new PartETag(number, fields[2], Long.parseLong(fields[3]),
                        Long.parseUnsignedLong(fields[4])));
            } catch (NumberFormatException e) {
                // torn line: that part is simply sent again
            }
        }
    }
}
