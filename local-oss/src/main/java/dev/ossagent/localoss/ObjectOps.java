package dev.ossagent.localoss;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PutObject, CopyObject, GetObject, HeadObject, DeleteObject, GetObjectTagging; user metadata, storage class,
 * server-side encryption headers and tags are kept and given back, and {@code x-oss-forbid-overwrite} honoured.
 */
final class ObjectOps {
    private static final String SSE = "x-oss-server-side-encryption";
    private static final String SSE_KEY_ID = "x-oss-server-side-encryption-key-id";
    private static final List<String> SSE_ALGORITHMS = List.of("AES256", "KMS", "SM4");
    private static final List<String> STORAGE_CLASSES = List.of("Standard", "IA", "Archive", "ColdArchive",
            "DeepColdArchive");
    private final ObjectStore store;
    private final IncomingBody incoming;
    private final Faults faults;

    ObjectOps(ObjectStore store, IncomingBody incoming, Faults faults) {
        this.store = store;
        this.incoming = incoming;
        this.faults = faults;
    }

    void put(OssRequest req, Responder out) throws IOException {
        if (req.header("x-oss-copy-source") != null) {
            copy(req, out);
            return;
        }
        store.refuseOverwrite(req); // reject bad keys (and refused overwrites) before reading a large body
        Path tmp = store.newTempFile();
        try {
            BodyReceiver.Received r = incoming.toFile(req, tmp);
            ObjectMeta meta = new ObjectMeta();
            meta.size = r.size;
            meta.etag = r.etag();
            meta.crc64 = r.crc.unsignedString();
            meta.lastModified = System.currentTimeMillis();
            applyRequestMeta(req, meta);
            store.commit(req, tmp, meta);
            out.header("ETag", quote(meta.etag));
            out.header("x-oss-hash-crc64ecma", meta.crc64);
            out.header("Content-MD5", java.util.Base64.getEncoder().encodeToString(r.storedMd5));
            out.empty(200);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void copy(OssRequest req, Responder out) throws IOException {
        String source = UrlCodec.decode(req.header("x-oss-copy-source").trim(), false);
        if (source.startsWith("/")) {
            source = source.substring(1);
        }
        int slash = source.indexOf('/');
        if (slash <= 0) {
            throw OssError.invalidArgument("x-oss-copy-source must be /bucket/key.");
        }
        String srcBucket = source.substring(0, slash);
        String srcKey = source.substring(slash + 1);
        store.requireBucket(srcBucket);
        ObjectMeta src = store.meta(srcBucket, srcKey);
        Path tmp = store.newTempFile();
        try {
            Files.copy(store.objectFile(srcBucket, srcKey), tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            ObjectMeta meta = new ObjectMeta();
            meta.size = src.size;
            meta.etag = src.etag;
            meta.crc64 = src.crc64;
            meta.objectType = src.objectType;
            meta.lastModified = System.currentTimeMillis();
            if ("REPLACE".equalsIgnoreCase(req.header("x-oss-metadata-directive"))) {
                applyRequestMeta(req, meta);
            } else {
                meta.contentType = src.contentType;
                meta.userMeta.putAll(src.userMeta);
                meta.storageClass = src.storageClass;
                meta.encryption.putAll(src.encryption);
                meta.tagging = src.tagging;
            }
            store.commit(req, tmp, meta);
            out.header("x-oss-hash-crc64ecma", meta.crc64);
            out.xml(200, new Xml().open("CopyObjectResult")
                    .elem("ETag", quote(meta.etag))
                    .elem("LastModified", HttpDates.iso8601(meta.lastModified))
                    .close("CopyObjectResult"));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void applyRequestMeta(OssRequest req, ObjectMeta meta) {
        String ct = req.header("Content-Type");
        if (ct != null && !ct.isBlank()) {
            meta.contentType = ct.trim();
        }
        for (Map.Entry<String, String> h : req.lowerCaseHeaders().entrySet()) {
            if (h.getKey().startsWith("x-oss-meta-")) {
                meta.userMeta.put(h.getKey(), h.getValue());
            }
        }
        String storageClass = req.header("x-oss-storage-class");
        if (storageClass != null) {
            meta.storageClass = storageClass(storageClass.trim());
        }
        String sse = req.header(SSE);
        String keyId = req.header(SSE_KEY_ID);
        if (sse != null) {
            if (!SSE_ALGORITHMS.contains(sse.trim())) {
                throw OssError.invalidArgument("x-oss-server-side-encryption must be AES256, KMS or SM4.");
            }
            meta.encryption.put(SSE, sse.trim());
        }
        if (keyId != null) {
            if (!"KMS".equals(meta.encryption.get(SSE))) {
                throw OssError.invalidArgument("x-oss-server-side-encryption-key-id is only valid with KMS.");
            }
            meta.encryption.put(SSE_KEY_ID, keyId.trim());
        }
        meta.tagging = Tagging.format(Tagging.parse(req.header(Tagging.HEADER)));
    }

    /** OSS's spelling of a storage class (it accepts any case); anything else is refused. */
    private static String storageClass(String value) {
        for (String name : STORAGE_CLASSES) {
            if (name.equalsIgnoreCase(value)) {
                return name;
            }
        }
        throw OssError.invalidArgument("x-oss-storage-class must be one of " + STORAGE_CLASSES + ".");
    }

    /** GetObjectTagging. */
    void tagging(OssRequest req, Responder out) throws IOException {
        ObjectMeta meta = store.meta(req.bucket, req.key);
        out.xml(200, Tagging.xml(Tagging.parse(meta.tagging)));
    }

    void head(OssRequest req, Responder out) throws IOException {
        ObjectMeta meta = store.meta(req.bucket, req.key);
        describe(meta, out);
        out.headers(200, meta.size);
    }

    void get(OssRequest req, Responder out) throws IOException {
        ObjectMeta meta = store.meta(req.bucket, req.key);
        Path file = store.objectFile(req.bucket, req.key);
        long[] range = Ranges.parse(req.header("Range"), meta.size);
        describe(meta, out);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long start = 0;
            long length = meta.size;
            int status = 200;
            if (range != null) {
                start = range[0];
                length = range[1] - range[0] + 1;
                status = 206;
                out.header("Content-Range", "bytes " + range[0] + "-" + range[1] + "/" + meta.size);
            }
            long cut = faults.takeGetCut(length);
            try (OutputStream body = out.stream(status, length)) {
                if (cut >= 0) {
                    copy(ch, start, cut, body);
                    body.flush();
                    throw new DropConnection();
                }
                copy(ch, start, length, body);
            }
        } catch (NoSuchFileException e) {
            throw OssError.noSuchKey();
        }
    }

    private static void copy(FileChannel ch, long start, long length, OutputStream body) throws IOException {
        InputStream in = Channels.newInputStream(ch.position(start));
        byte[] buf = new byte[BodyReceiver.BUFFER_SIZE];
        long left = length;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new IOException("object shrank while being read");
            }
            body.write(buf, 0, n);
            left -= n;
        }
    }

    void delete(OssRequest req, Responder out) throws IOException {
        store.delete(req.bucket, req.key);
        out.empty(204);
    }

    private static void describe(ObjectMeta meta, Responder out) {
        out.header("ETag", quote(meta.etag));
        out.header("x-oss-hash-crc64ecma", meta.crc64);
        out.header("Last-Modified", HttpDates.rfc1123(meta.lastModified));
        out.header("Content-Type", meta.contentType);
        out.header("Accept-Ranges", "bytes");
        out.header("x-oss-object-type", meta.objectType);
        out.header("x-oss-storage-class", meta.storageClass);
        meta.encryption.forEach(out::header);
        int tags = Tagging.parse(meta.tagging).size();
        if (tags > 0) {
            out.header("x-oss-tagging-count", Integer.toString(tags));
        }
        meta.userMeta.forEach((k, v) -> out.header(k.toLowerCase(Locale.ROOT), v));
    }

    static String quote(String etag) {
        return "\"" + etag + "\"";
    }
}
