package dev.ossagent.localoss;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.w3c.dom.Element;

/**
 * Multipart uploads, kept under root/.local-oss/uploads/&lt;uploadId&gt;/: upload.properties, and per part
 * part-NNNNN.properties with its bytes either in the upload's data.bin (see {@link PartSlots}: its
 * "slot" property is the offset) or in part-NNNNN.bin.
 */
final class MultipartOps {
    /** OSS refuses parts smaller than this, except the last one. */
    static final long MIN_PART_SIZE = 100 * 1024;

    private final ObjectStore store;
    private final IncomingBody incoming;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final PartSlots slots = new PartSlots();

    MultipartOps(ObjectStore store, IncomingBody incoming) {
        this.store = store;
        this.incoming = incoming;
    }

    void initiate(OssRequest req, Responder out) throws IOException {
        store.refuseOverwrite(req); // validates the key now, not at completion
        String uploadId = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
        Path dir = store.uploadsDir().resolve(uploadId);
        Files.createDirectories(dir);
        ObjectMeta meta = new ObjectMeta();
        ObjectOps.applyRequestMeta(req, meta);
        Properties p = new Properties();
        p.setProperty("bucket", req.bucket);
        p.setProperty("key", req.key);
        p.setProperty("initiated", Long.toString(System.currentTimeMillis()));
        p.setProperty("contentType", meta.contentType);
        meta.putRequestMeta(p);
        store(p, dir.resolve("upload.properties"));
        boolean url = "url".equalsIgnoreCase(req.param("encoding-type"));
        Xml x = new Xml().open("InitiateMultipartUploadResult").elem("Bucket", req.bucket)
                .elem("Key", url ? UrlCodec.encode(req.key, true) : req.key).elem("UploadId", uploadId);
        if (url) {
            x.elem("EncodingType", "url");
        }
        out.xml(200, x.close("InitiateMultipartUploadResult"));
    }

    void uploadPart(OssRequest req, Responder out) throws IOException {
        Path dir = uploadDir(req);
        int number = partNumber(req.param("partNumber"));
        PartSlots.Slot slot = slots.claim(dir, number, req.contentLength(), Files.isRegularFile(partProps(dir, number)));
        BodyReceiver.Received r;
        Properties p = new Properties();
        if (slot != null) {
            try {
                r = incoming.to(req, slot.open());
                p.setProperty("slot", Long.toString(slot.offset));
                storePart(p, r, dir, number);
            } finally {
                slot.release();
            }
        } else {
            Path tmp = Files.createTempFile(dir, "part-", ".tmp");
            try {
                r = incoming.toFile(req, tmp);
                Files.move(tmp, partFile(dir, number), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                storePart(p, r, dir, number);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        out.header("ETag", ObjectOps.quote(r.etag()));
        out.header("x-oss-hash-crc64ecma", r.crc.unsignedString());
        out.header("Content-MD5", java.util.Base64.getEncoder().encodeToString(r.storedMd5));
        out.empty(200);
    }

    private static void storePart(Properties p, BodyReceiver.Received r, Path dir, int number) throws IOException {
        p.setProperty("etag", r.etag());
        p.setProperty("crc64", r.crc.unsignedString());
        p.setProperty("size", Long.toString(r.size));
        p.setProperty("lastModified", Long.toString(System.currentTimeMillis()));
        store(p, partProps(dir, number));
    }

    void listParts(OssRequest req, Responder out) throws IOException {
        Path dir = uploadDir(req);
        int maxParts = req.param("max-parts") == null ? 1000 : Integer.parseInt(req.param("max-parts"));
        int marker = req.param("part-number-marker") == null || req.param("part-number-marker").isEmpty()
                ? 0 : Integer.parseInt(req.param("part-number-marker"));
        TreeMap<Integer, Properties> parts = parts(dir);
        Xml x = new Xml().open("ListPartsResult").elem("Bucket", req.bucket).elem("Key", req.key)
                .elem("UploadId", req.param("uploadId")).elem("StorageClass", "Standard")
                .elem("PartNumberMarker", marker);
        List<Map.Entry<Integer, Properties>> page = new ArrayList<>(parts.tailMap(marker, false).entrySet());
        boolean truncated = page.size() > maxParts;
        if (truncated) {
            page = page.subList(0, maxParts);
        }
        x.elem("NextPartNumberMarker", page.isEmpty() ? marker : page.get(page.size() - 1).getKey())
                .elem("MaxParts", maxParts).elem("IsTruncated", truncated);
        for (Map.Entry<Integer, Properties> e : page) {
            Properties p = e.getValue();
            x.open("Part").elem("PartNumber", e.getKey())
                    .elem("LastModified", HttpDates.iso8601(Long.parseLong(p.getProperty("lastModified"))))
                    .elem("ETag", ObjectOps.quote(p.getProperty("etag")))
                    .elem("HashCrc64ecma", p.getProperty("crc64"))
                    .elem("Size", p.getProperty("size")).close("Part");
        }
        out.xml(200, x.close("ListPartsResult"));
    }

    /**
     * ListMultipartUploads as OSS pages it: uploads under {@code prefix}, by key and then upload id, at most
     * {@code max-uploads} (1000) a page, after {@code key-marker} / {@code upload-id-marker}.
     */
    void listUploads(OssRequest req, Responder out) throws IOException {
        String prefix = req.param("prefix") == null ? "" : req.param("prefix");
        String keyMarker = req.param("key-marker") == null ? "" : req.param("key-marker");
        String idMarker = req.param("upload-id-marker") == null ? "" : req.param("upload-id-marker");
        int maxUploads;
        try {
            maxUploads = req.param("max-uploads") == null ? 1000 : Integer.parseInt(req.param("max-uploads"));
        } catch (NumberFormatException e) {
            throw new OssError(400, "InvalidArgument", "max-uploads is not a number.");
        }
        if (maxUploads < 1 || maxUploads > 1000) {
            throw new OssError(400, "InvalidArgument", "max-uploads must be between 1 and 1000.");
        }
        boolean url = "url".equalsIgnoreCase(req.param("encoding-type"));
        List<IncompleteUpload> all = new ArrayList<>();
        for (IncompleteUpload upload : incomplete()) {
            if (upload.bucket.equals(req.bucket) && upload.key.startsWith(prefix) && after(upload, keyMarker, idMarker)) {
                all.add(upload);
            }
        }
        boolean truncated = all.size() > maxUploads;
        List<IncompleteUpload> page = truncated ? all.subList(0, maxUploads) : all;
        IncompleteUpload last = page.isEmpty() ? null : page.get(page.size() - 1);
        Xml x = new Xml().open("ListMultipartUploadsResult").elem("Bucket", req.bucket)
                .elem("KeyMarker", url ? UrlCodec.encode(keyMarker, true) : keyMarker).elem("UploadIdMarker", idMarker)
                .elem("NextKeyMarker", truncated ? (url ? UrlCodec.encode(last.key, true) : last.key) : "")
                .elem("NextUploadIdMarker", truncated ? last.uploadId : "").elem("Delimiter", "")
                .elem("Prefix", url ? UrlCodec.encode(prefix, true) : prefix)
                .elem("MaxUploads", maxUploads).elem("IsTruncated", truncated);
        if (url) {
            x.elem("EncodingType", "url");
        }
        for (IncompleteUpload upload : page) {
            x.open("Upload").elem("Key", url ? UrlCodec.encode(upload.key, true) : upload.key)
                    .elem("UploadId", upload.uploadId).elem("StorageClass", "Standard")
                    .elem("Initiated", HttpDates.iso8601(upload.initiatedMillis)).close("Upload");
        }
        out.xml(200, x.close("ListMultipartUploadsResult"));
    }

    private static boolean after(IncompleteUpload upload, String keyMarker, String idMarker) {
        if (keyMarker.isEmpty()) {
            return true;
        }
        int byKey = ObjectStore.KEY_ORDER.compare(upload.key, keyMarker);
        return byKey > 0 || (byKey == 0 && !idMarker.isEmpty() && upload.uploadId.compareTo(idMarker) > 0);
    }

    /** Every upload begun and neither completed nor aborted, by key and upload id, with its user metadata. */
    List<IncompleteUpload> incomplete() throws IOException {
        List<IncompleteUpload> uploads = new ArrayList<>();
        try (var dirs = Files.list(store.uploadsDir())) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                Path info = d.resolve("upload.properties");
                if (!Files.isRegularFile(info)) {
                    continue;
                }
                Properties p = load(info);
                Map<String, String> meta = new TreeMap<>();
                for (String name : p.stringPropertyNames()) {
                    if (name.startsWith("meta.")) {
                        String header = name.substring(5).toLowerCase(Locale.ROOT);
                        meta.put(header.startsWith("x-oss-meta-") ? header.substring(11) : header, p.getProperty(name));
                    }
                }
                uploads.add(new IncompleteUpload(p.getProperty("bucket"), p.getProperty("key"),
                        d.getFileName().toString(), Long.parseLong(p.getProperty("initiated")), meta));
            }
        }
        uploads.sort((a, b) -> {
            int byKey = ObjectStore.KEY_ORDER.compare(a.key, b.key);
            return byKey != 0 ? byKey : a.uploadId.compareTo(b.uploadId);
        });
        return uploads;
    }

    void complete(OssRequest req, Responder out) throws IOException {
        Path dir = uploadDir(req);
        byte[] body = incoming.small(req);
        String uploadId = req.param("uploadId");
        Object lock = locks.computeIfAbsent(uploadId, k -> new Object());
        try {
            synchronized (lock) {
                completeLocked(req, out, dir, body);
            }
        } finally {
            locks.remove(uploadId);
        }
    }

    private void completeLocked(OssRequest req, Responder out, Path dir, byte[] body) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw OssError.noSuchUpload();
        }
        TreeMap<Integer, Properties> stored = parts(dir);
        List<Integer> chosen = new ArrayList<>();
        if ("yes".equalsIgnoreCase(req.header("x-oss-complete-all"))) {
            chosen.addAll(stored.keySet());
        } else {
            Element root = XmlIn.parse(body);
            int previous = 0;
            for (Element part : XmlIn.children(root, "Part")) {
                int n;
                try {
                    n = Integer.parseInt(XmlIn.text(part, "PartNumber"));
                } catch (RuntimeException e) {
                    throw new OssError(400, "MalformedXML", "PartNumber is missing or not a number.");
                }
                if (n <= previous) {
                    throw new OssError(400, "InvalidPartOrder", "The list of parts was not in ascending order.");
                }
                previous = n;
                Properties p = stored.get(n);
                String etag = XmlIn.text(part, "ETag");
                if (p == null || etag == null || !unquote(etag).equalsIgnoreCase(p.getProperty("etag"))) {
                    throw new OssError(400, "InvalidPart", "One or more of the specified parts could not be found "
                            + "or the specified entity tag might not have matched the part's entity tag.");
                }
                chosen.add(n);
            }
        }
        if (chosen.isEmpty()) {
            throw new OssError(400, "InvalidPart", "A multipart upload needs at least one part.");
        }
        for (int i = 0; i < chosen.size() - 1; i++) {
            if (Long.parseLong(stored.get(chosen.get(i)).getProperty("size")) < MIN_PART_SIZE) {
                throw new OssError(400, "EntityTooSmall", "Every part but the last must be at least 100 KB.");
            }
        }

        long slotSize = slots.beginCompleting(dir);
        boolean completed = false;
        try {
            ObjectMeta meta = objectMeta(dir, stored, chosen);
            Path data = dir.resolve(PartSlots.DATA);
            // data.bin is the object only when it ends with part N: cutting it shorter would destroy
            // parts a later completion may still name, should this one fail.
            if (inTheirSlots(stored, chosen, slotSize) && Files.size(data) == meta.size) {
                store.commit(req, data, meta);
            } else {
                Path tmp = store.newTempFile();
                try {
                    concatenate(dir, stored, chosen, tmp);
                    store.commit(req, tmp, meta);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            completed = true;
            deleteTree(dir);
            slots.forget(dir);
            out.header("ETag", ObjectOps.quote(meta.etag));
            out.header("x-oss-hash-crc64ecma", meta.crc64);
            String host = req.header("Host");
            out.xml(200, new Xml().open("CompleteMultipartUploadResult")
                    .elem("Location", "http://" + host + "/" + req.bucket + "/" + UrlCodec.encode(req.key, true))
                    .elem("Bucket", req.bucket).elem("Key", req.key).elem("ETag", ObjectOps.quote(meta.etag))
                    .close("CompleteMultipartUploadResult"));
        } finally {
            if (!completed) {
                slots.completionFailed(dir);
            }
        }
    }

    /**
     * As OSS does: the object's CRC64 is combined from the parts' (no second read), its ETag is the MD5 of
     * the parts' MD5s and their count.
     */
    private static ObjectMeta objectMeta(Path dir, TreeMap<Integer, Properties> stored, List<Integer> chosen)
            throws IOException {
        long crc = 0;
        long size = 0;
        MessageDigest etagMd5 = BodyReceiver.md5();
        for (int n : chosen) {
            Properties part = stored.get(n);
            etagMd5.update(HexFormat.of().parseHex(part.getProperty("etag")));
            long partSize = Long.parseLong(part.getProperty("size"));
            crc = Crc64.combine(crc, Long.parseUnsignedLong(part.getProperty("crc64")), partSize);
            size += partSize;
        }
        Properties info = load(dir.resolve("upload.properties"));
        ObjectMeta meta = new ObjectMeta();
        meta.size = size;
        meta.etag = Hmac.hex(etagMd5.digest()).toUpperCase(Locale.ROOT) + "-" + chosen.size();
        meta.crc64 = Long.toUnsignedString(crc);
        meta.lastModified = System.currentTimeMillis();
        meta.objectType = "Multipart";
        meta.contentType = info.getProperty("contentType", meta.contentType);
        meta.readRequestMeta(info);
        return meta;
    }

    /** Parts 1..N, each in its slot, all full slots but the last: data.bin's head is the object. */
    private static boolean inTheirSlots(TreeMap<Integer, Properties> stored, List<Integer> chosen, long slotSize) {
        if (slotSize <= 0) {
            return false;
        }
        for (int i = 0; i < chosen.size(); i++) {
            int n = chosen.get(i);
            Properties part = stored.get(n);
            long partSize = Long.parseLong(part.getProperty("size"));
            boolean last = i == chosen.size() - 1;
            if (n != i + 1 || !Long.toString((n - 1) * slotSize).equals(part.getProperty("slot"))
                    || (last ? partSize > slotSize : partSize != slotSize)) {
                return false;
            }
        }
        return true;
    }

    /** The chosen parts one after another into {@code target}, copied by the kernel (transferTo). */
    private static void concatenate(Path dir, TreeMap<Integer, Properties> stored, List<Integer> chosen, Path target)
            throws IOException {
        try (FileChannel o = FileChannel.open(target, StandardOpenOption.WRITE)) {
            for (int n : chosen) {
                Properties part = stored.get(n);
                long partSize = Long.parseLong(part.getProperty("size"));
                String slot = part.getProperty("slot");
                long from = slot == null ? 0 : Long.parseLong(slot);
                try (FileChannel in = FileChannel.open(slot == null ? partFile(dir, n) : dir.resolve(PartSlots.DATA),
                        StandardOpenOption.READ)) {
                    for (long done = 0; done < partSize; ) {
                        done += in.transferTo(from + done, partSize - done, o);
                    }
                }
            }
        }
    }

    void abort(OssRequest req, Responder out) throws IOException {
        Path dir = uploadDir(req);
        deleteTree(dir);
        slots.forget(dir);
        out.empty(204);
    }

    /** The upload's folder; NoSuchUpload unless it exists and belongs to this bucket and key. */
    private Path uploadDir(OssRequest req) throws IOException {
        String id = req.param("uploadId");
        if (id == null || !id.matches("[0-9A-Za-z]{1,64}")) {
            throw OssError.noSuchUpload();
        }
        Path dir = store.uploadsDir().resolve(id);
        Path info = dir.resolve("upload.properties");
        if (!Files.isRegularFile(info)) {
            throw OssError.noSuchUpload();
        }
        Properties p = load(info);
        if (!req.bucket.equals(p.getProperty("bucket")) || !req.key.equals(p.getProperty("key"))) {
            throw OssError.noSuchUpload();
        }
        return dir;
    }

    private static int partNumber(String v) {
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= 10000) {
                return n;
            }
        } catch (RuntimeException ignored) {
            // fall through
        }
        throw OssError.invalidArgument("Part number must be an integer between 1 and 10000, inclusive.");
    }

    private static TreeMap<Integer, Properties> parts(Path dir) throws IOException {
        TreeMap<Integer, Properties> parts = new TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.startsWith("part-") && name.endsWith(".properties")) {
                    int n = Integer.parseInt(name.substring(5, name.length() - ".properties".length()));
                    Properties part = load(f);
                    Path data = part.getProperty("slot") != null ? dir.resolve(PartSlots.DATA) : partFile(dir, n);
                    if (Files.isRegularFile(data)) {
                        parts.put(n, part);
                    }
                }
            }
        }
        return parts;
    }

    private static Path partFile(Path dir, int n) {
        return dir.resolve(String.format("part-%05d.bin", n));
    }

    private static Path partProps(Path dir, int n) {
        return dir.resolve(String.format("part-%05d.properties", n));
    }

    private static String unquote(String etag) {
        String e = etag.trim();
        if (e.startsWith("&quot;")) {
            e = e.substring(6);
        }
        if (e.endsWith("&quot;")) {
            e = e.substring(0, e.length() - 6);
        }
        if (e.startsWith("\"")) {
            e = e.substring(1);
        }
        if (e.endsWith("\"")) {
            e = e.substring(0, e.length() - 1);
        }
        return e;
    }

    private static void store(Properties p, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + "." + Thread.currentThread().getId() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, null);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (java.nio.file.NoSuchFileException e) {
            throw OssError.noSuchUpload();
        }
        return p;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
