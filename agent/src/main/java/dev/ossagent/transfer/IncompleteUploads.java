package dev.ossagent.transfer;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.AbortMultipartUploadRequest;
import com.aliyun.oss.model.ListMultipartUploadsRequest;
import com.aliyun.oss.model.MultipartUpload;
import com.aliyun.oss.model.MultipartUploadListing;
import dev.ossagent.journal.PropertiesFiles;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Multipart uploads begun and never completed or aborted: OSS bills their parts until they are aborted. Listed with
 * ListMultipartUploads, every page; the ones a checkpoint of the state dir continues are known by upload id.
 */
public final class IncompleteUploads {
    /** One incomplete upload. */
    public static final class Upload {
        public final String bucket;
        public final String key;
        public final String uploadId;
        /** Null when the listing did not say. */
        public final Instant initiated;

        Upload(String bucket, String key, String uploadId, Instant initiated) {
            this.bucket = bucket;
            this.key = key;
            this.uploadId = uploadId;
            this.initiated = initiated;
        }

        public boolean olderThan(Instant cutoff) {
            return initiated != null && initiated.isBefore(cutoff);
        }
    }

    private IncompleteUploads() {
    }

    /** Calls {@code each} for every incomplete upload under the prefix, all pages; SDK failures pass through. */
    public static void each(OSS client, String bucket, String prefix, Consumer<Upload> each) {
        each(client, bucket, prefix, 1000, each);
    }

    static void each(OSS client, String bucket, String prefix, int pageSize, Consumer<Upload> each) {
        ListMultipartUploadsRequest request = new ListMultipartUploadsRequest(bucket);
        request.setPrefix(prefix);
        request.setMaxUploads(pageSize);
        request.setEncodingType("url"); // any key gets through the XML
        while (true) {
            MultipartUploadListing page = client.listMultipartUploads(request);
            for (MultipartUpload upload : page.getMultipartUploads()) {
                each.accept(new Upload(bucket, decode(upload.getKey()), upload.getUploadId(),
                        upload.getInitiated() == null ? null : upload.getInitiated().toInstant()));
            }
            if (!page.isTruncated() || page.getNextKeyMarker() == null || page.getNextKeyMarker().isEmpty()) {
                return;
            }
            request.setKeyMarker(decode(page.getNextKeyMarker()));
            request.setUploadIdMarker(page.getNextUploadIdMarker());
        }
    }

    public static void abort(OSS client, Upload upload) {
        client.abortMultipartUpload(new AbortMultipartUploadRequest(upload.bucket, upload.key, upload.uploadId));
    }

    /** The upload ids the checkpoints in {@code multipartDir} continue (none when it is null or unreadable). */
    public static Set<String> continued(Path multipartDir) {
        Set<String> ids = new HashSet<>();
        if (multipartDir == null || !Files.isDirectory(multipartDir)) {
            return ids;
        }
        try (DirectoryStream<Path> headers = Files.newDirectoryStream(multipartDir, "*.upload")) {
            for (Path header : headers) {
                try {
                    String id = PropertiesFiles.read(header).getProperty("uploadId");
                    if (id != null) {
                        ids.add(id);
                    }
                } catch (IOException | RuntimeException unreadable) {
                    // a checkpoint nobody can use continues nothing
                }
            }
        } catch (IOException e) {
            // no checkpoints readable: none continues anything
        }
        return ids;
    }

    /** The static part of a prefix setting (before its first placeholder), as uploads under it are listed. */
    public static String listedPrefix(String template) {
        String prefix = template.replace('\\', '/');
        int placeholder = prefix.indexOf("${");
        if (placeholder >= 0) {
            return prefix.substring(0, placeholder);
        }
        return prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    }

    private static String decode(String key) {
        return key == null ? null : URLDecoder.decode(key, StandardCharsets.UTF_8);
    }
}
