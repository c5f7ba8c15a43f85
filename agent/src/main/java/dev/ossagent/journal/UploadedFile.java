package dev.ossagent.journal;

import java.io.IOException;
import java.util.Locale;
import java.util.Properties;

/** A file that is verified in OSS: what the manifest lists for it. */
public final class UploadedFile {
    private final String path;
    private final String bucket;
    private final String key;
    private final long size;
    private final String crc64;
    private final String sha256;
    private final double seconds;
    private final boolean skipped;

    /**
     * @param crc64   CRC-64/ECMA of the content as an unsigned decimal, as OSS writes it
     * @param skipped true when the object was already there with the same size and CRC64
     */
    public UploadedFile(String path, String bucket, String key, long size, String crc64, String sha256, double seconds,
                        boolean skipped) {
        this.path = path;
        this.bucket = bucket;
        this.key = key;
        this.size = size;
        this.crc64 = crc64;
        this.sha256 = sha256;
        this.seconds = seconds;
        this.skipped = skipped;
    }

    public String path() { return path; }
    public String bucket() { return bucket; }
    public String key() { return key; }
    public long size() { return size; }
    public String crc64() { return crc64; }
    public String sha256() { return sha256; }
    public double seconds() { return seconds; }
    public boolean skipped() { return skipped; }

    Properties toProperties() {
        Properties values = new Properties();
        values.setProperty("path", path);
        values.setProperty("bucket", bucket);
        values.setProperty("key", key);
        values.setProperty("size", Long.toString(size));
        values.setProperty("crc64", crc64);
        values.setProperty("sha256", sha256);
        values.setProperty("seconds", String.format(Locale.ROOT, "%.3f", seconds));
        values.setProperty("skipped", Boolean.toString(skipped));
        return values;
    }

    static UploadedFile fromProperties(Properties values, java.nio.file.Path file) throws IOException {
        try {
            return new UploadedFile(PropertiesFiles.required(values, "path", file),
                    PropertiesFiles.required(values, "bucket", file), PropertiesFiles.required(values, "key", file),
                    Long.parseLong(PropertiesFiles.required(values, "size", file)),
                    PropertiesFiles.required(values, "crc64", file), PropertiesFiles.required(values, "sha256", file),
                    Double.parseDouble(PropertiesFiles.required(values, "seconds", file)),
                    Boolean.parseBoolean(values.getProperty("skipped")));
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a journal record: " + e.getMessage());
        }
    }
}
