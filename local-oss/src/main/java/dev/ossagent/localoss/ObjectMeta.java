package dev.ossagent.localoss;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** What OSS reports about an object besides its bytes; persisted as a small properties file. */
final class ObjectMeta {
    String key;
    long size;
    /** Without quotes: MD5 hex, or "<hex>-<parts>" for multipart objects. */
    String etag;
    /** Unsigned decimal CRC-64/ECMA. */
    String crc64;
    long lastModified;
    /** File mtime when the meta was written: a changed mtime means the file was replaced behind our back. */
    long fileMtime;
    String contentType = "application/octet-stream";
    String objectType = "Normal";
    /** Full header names (x-oss-meta-*) to values. */
    Map<String, String> userMeta = new TreeMap<>();
    String storageClass = "Standard";
    /** x-oss-server-side-encryption and -key-id, as given. */
    Map<String, String> encryption = new TreeMap<>();
    /** Tags in x-oss-tagging form; empty for none. */
    String tagging = "";

    void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("key", key);
        p.setProperty("size", Long.toString(size));
        p.setProperty("etag", etag);
        p.setProperty("crc64", crc64);
        p.setProperty("lastModified", Long.toString(lastModified));
        p.setProperty("fileMtime", Long.toString(fileMtime));
        p.setProperty("contentType", contentType);
        p.setProperty("objectType", objectType);
        putRequestMeta(p);
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp" + Thread.currentThread().getId());
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, null);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static ObjectMeta read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        ObjectMeta m = new ObjectMeta();
        m.key = p.getProperty("key");
        m.size = Long.parseLong(p.getProperty("size"));
        m.etag = p.getProperty("etag");
        m.crc64 = p.getProperty("crc64");
        m.lastModified = Long.parseLong(p.getProperty("lastModified"));
        m.fileMtime = Long.parseLong(p.getProperty("fileMtime", "0"));
        m.contentType = p.getProperty("contentType", m.contentType);
        m.objectType = p.getProperty("objectType", m.objectType);
        m.readRequestMeta(p);
        return m;
    }

    /** What the writer asked for (content type aside): user metadata, storage class, encryption, tags. */
    void putRequestMeta(Properties p) {
        userMeta.forEach((k, v) -> p.setProperty("meta." + k, v));
        encryption.forEach((k, v) -> p.setProperty("sse." + k, v));
        p.setProperty("storageClass", storageClass);
        p.setProperty("tagging", tagging);
    }

    void readRequestMeta(Properties p) {
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith("meta.")) {
                userMeta.put(name.substring(5), p.getProperty(name));
            } else if (name.startsWith("sse.")) {
                encryption.put(name.substring(4), p.getProperty(name));
            }
        }
        storageClass = p.getProperty("storageClass", storageClass);
        tagging = p.getProperty("tagging", tagging);
    }
}
