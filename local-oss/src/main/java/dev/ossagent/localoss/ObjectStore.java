package dev.ossagent.localoss;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Objects as plain files: root/&lt;bucket&gt;/&lt;key&gt;, so tests can compare stored bytes with
 * their files directly. Server state lives under root/.local-oss/ (a name no bucket can have):
 * meta/&lt;bucket&gt;/&lt;sha256(key)&gt;.properties, tmp/ for bodies in flight, uploads/ for multipart.
 */
final class ObjectStore {
    /** OSS orders keys by UTF-8 bytes, which is code point order (not UTF-16 order). */
    static final Comparator<String> KEY_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private final Path root;
    private final Path stateDir;
    private final Set<String> buckets;
    private final Object commitLock = new Object();

    ObjectStore(Path root, Collection<String> buckets) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.stateDir = this.root.resolve(".local-oss");
        this.buckets = new LinkedHashSet<>(buckets);
        Files.createDirectories(tmpDir());
        Files.createDirectories(uploadsDir());
        for (String b : this.buckets) {
            Files.createDirectories(this.root.resolve(b));
        }
    }

    Set<String> buckets() {
        return buckets;
    }

    boolean bucketExists(String bucket) {
        return buckets.contains(bucket);
    }

    void requireBucket(String bucket) {
        if (!bucketExists(bucket)) {
            throw OssError.noSuchBucket(bucket);
        }
    }

    Path tmpDir() {
        return stateDir.resolve("tmp");
    }

    Path uploadsDir() {
        return stateDir.resolve("uploads");
    }

    Path newTempFile() throws IOException {
        return Files.createTempFile(tmpDir(), "body-", ".tmp");
    }

    Path objectFile(String bucket, String key) {
        validateKey(key);
        Path p = root.resolve(bucket);
        for (String seg : key.split("/")) {
            p = p.resolve(FileNames.toFileName(seg));
        }
        p = p.normalize();
        if (!p.startsWith(root.resolve(bucket))) {
            throw invalidName();
        }
        return p;
    }

    private Path metaFile(String bucket, String key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return stateDir.resolve("meta").resolve(bucket).resolve(Hmac.hex(h) + ".properties");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link #commit(String, String, Path, ObjectMeta, boolean)} to the request's object, as its headers ask. */
    void commit(OssRequest req, Path body, ObjectMeta meta) throws IOException {
        commit(req.bucket, req.key, body, meta, forbidsOverwrite(req));
    }

    /**
     * Moves a fully received body into place; readers see either the old or the new object. With
     * {@code forbidOverwrite} ({@code x-oss-forbid-overwrite: true}) an existing object stays, and the write fails
     * as OSS fails it (409 FileAlreadyExists).
     */
    void commit(String bucket, String key, Path body, ObjectMeta meta, boolean forbidOverwrite) throws IOException {
        Path target = objectFile(bucket, key);
        synchronized (commitLock) {
            if (forbidOverwrite && Files.isRegularFile(target)) {
                throw OssError.fileAlreadyExists();
            }
            try {
                Files.createDirectories(target.getParent());
            } catch (java.nio.file.FileAlreadyExistsException e) {
                throw conflict();
            }
            if (Files.isDirectory(target)) {
                throw conflict();
            }
            Files.move(body, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            meta.key = key;
            meta.fileMtime = Files.getLastModifiedTime(target).toMillis();
            meta.write(metaFile(bucket, key));
        }
    }

    /** The request's key checked; with {@code x-oss-forbid-overwrite: true}, refused when its object exists. */
    void refuseOverwrite(OssRequest req) {
        Path target = objectFile(req.bucket, req.key);
        if (forbidsOverwrite(req) && Files.isRegularFile(target)) {
            throw OssError.fileAlreadyExists();
        }
    }

    private static boolean forbidsOverwrite(OssRequest req) {
        return "true".equalsIgnoreCase(req.header("x-oss-forbid-overwrite"));
    }

    /** Metadata of an existing object; recomputed if the file was placed or replaced directly on disk. */
    ObjectMeta meta(String bucket, String key) throws IOException {
        Path file = objectFile(bucket, key);
        if (!Files.isRegularFile(file)) {
            throw OssError.noSuchKey();
        }
        Path mf = metaFile(bucket, key);
        long size = Files.size(file);
        long mtime = Files.getLastModifiedTime(file).toMillis();
        if (Files.isRegularFile(mf)) {
            try {
                ObjectMeta m = ObjectMeta.read(mf);
                if (m.size == size && m.fileMtime == mtime && key.equals(m.key)) {
                    return m;
                }
            } catch (IOException | RuntimeException stale) {
                // Fall through and rebuild it from the bytes.
            }
        }
        return rebuildMeta(file, mf, key, size, mtime);
    }

    private ObjectMeta rebuildMeta(Path file, Path mf, String key, long size, long mtime) throws IOException {
        MessageDigest md5 = BodyReceiver.md5();
        Crc64 crc = new Crc64();
        byte[] buf = new byte[BodyReceiver.BUFFER_SIZE];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                md5.update(buf, 0, n);
                crc.update(buf, 0, n);
            }
        }
        ObjectMeta m = new ObjectMeta();
        m.key = key;
        m.size = size;
        m.etag = Hmac.hex(md5.digest()).toUpperCase(java.util.Locale.ROOT);
        m.crc64 = crc.unsignedString();
        m.lastModified = mtime;
        m.fileMtime = mtime;
        synchronized (commitLock) {
            m.write(mf);
        }
        return m;
    }

    boolean delete(String bucket, String key) throws IOException {
        Path file = objectFile(bucket, key);
        synchronized (commitLock) {
            Files.deleteIfExists(metaFile(bucket, key));
            boolean existed;
            try {
                existed = Files.isRegularFile(file) && Files.deleteIfExists(file);
            } catch (DirectoryNotEmptyException e) {
                existed = false;
            }
            // Remove now-empty folders so that they do not linger as phantom prefixes.
            Path bucketDir = root.resolve(bucket);
            for (Path p = file.getParent(); p != null && !p.equals(bucketDir) && p.startsWith(bucketDir); p = p.getParent()) {
                try {
                    Files.delete(p);
                } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                    break;
                }
            }
            return existed;
        }
    }

    /** All keys of a bucket starting with prefix, in OSS order. */
    /**
     * Keys under {@code prefix} after {@code after} (exclusive; null or empty: from the first), in {@link #KEY_ORDER},
     * handed to {@code take} until it returns false. Folders that can hold no such key are not read, so a page of a
     * listing costs about its own size, not the bucket's (children are visited in key order: a folder by its name
     * plus '/').
     */
    void keysInOrder(String bucket, String prefix, String after, java.util.function.Predicate<String> take)
            throws IOException {
        walkInOrder(root.resolve(bucket), "", prefix == null ? "" : prefix,
                after == null || after.isEmpty() ? null : after, take);
    }

    private static boolean walkInOrder(Path dir, String dirKey, String prefix, String after,
                                       java.util.function.Predicate<String> take) throws IOException {
        List<String[]> children = new ArrayList<>(); // key, file name, "d" or "f"
        try (java.nio.file.DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                boolean folder = Files.isDirectory(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                if (!folder && !Files.isRegularFile(entry)) {
                    continue;
                }
                String name = FileNames.fromFileName(entry.getFileName().toString());
                children.add(new String[] {dirKey + name + (folder ? "/" : ""), entry.getFileName().toString(),
                        folder ? "d" : "f"});
            }
        } catch (java.nio.file.NoSuchFileException | java.nio.file.NotDirectoryException gone) {
            return true; // removed while listed: it holds nothing now
        }
        children.sort((a, b) -> KEY_ORDER.compare(a[0], b[0]));
        for (String[] child : children) {
            String key = child[0];
            if (child[2].equals("d")) {
                boolean underPrefix = key.startsWith(prefix) || prefix.startsWith(key);
                boolean allBeforeAfter = after != null && !after.startsWith(key) && KEY_ORDER.compare(after, key) > 0;
                if (underPrefix && !allBeforeAfter && !walkInOrder(dir.resolve(child[1]), key, prefix, after, take)) {
                    return false;
                }
            } else if (key.startsWith(prefix) && (after == null || KEY_ORDER.compare(key, after) > 0)
                    && !take.test(key)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Keys become file paths, so keys that are not plain relative paths are refused instead of
     * being silently mangled ('.'/'..' segments, empty segments such as "dir/" markers).
     */
    static void validateKey(String key) {
        if (key == null || key.isEmpty() || key.getBytes(StandardCharsets.UTF_8).length > 1023
                || key.indexOf('\0') >= 0 || key.startsWith("/") || key.startsWith("\\")) {
            throw invalidName();
        }
        for (String seg : key.split("/", -1)) {
            if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) {
                throw invalidName();
            }
        }
    }

    private static OssError invalidName() {
        return new OssError(400, "InvalidObjectName",
                "The specified object name is not valid (local-oss stores keys as relative file paths).");
    }

    private static OssError conflict() {
        return new OssError(409, "ObjectNameConflict",
                "The key collides with another key's folder on local disk (local-oss limitation).");
    }
}
