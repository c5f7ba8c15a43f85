package dev.ossagent.transfer;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.ListPartsRequest;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.PartListing;
import com.aliyun.oss.model.PartSummary;
import dev.ossagent.failure.LocalFileGone;
import dev.ossagent.integrity.FileVersion;
import dev.ossagent.log.AgentLog;
import dev.ossagent.plan.PlannedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parts a checkpoint says are in OSS, checked before a resumed upload relies on them: OSS must still
 * list each one (ListParts) with the ETag and size the checkpoint recorded, and the part's CRC64 must equal
 * the CRC64 of the same range of the file as it is now. A file rewritten in place with its mtime put back
 * passes the checkpoint's size and mtime test; the parts it changed are caught here and sent again.
 */
final class StoredParts {
    private static final int PAGE = 1000;

    private final OSS client;
    private final Retrier retrier;

    StoredParts(OSS client, Retrier retrier) {
        this.client = client;
        this.retrier = retrier;
    }

    /** The checkpoint's parts that OSS holds and that still equal the file's bytes; empty without a request when none. */
    Map<Integer, PartETag> stillMatching(PlannedFile file, FileVersion version, MultipartCheckpoint checkpoint) {
        Map<Integer, PartETag> recorded = checkpoint.storedParts();
        Map<Integer, PartETag> matching = new TreeMap<>();
        if (recorded.isEmpty()) {
            return matching;
        }
        Map<Integer, PartSummary> listed;
        try {
            listed = list(file, checkpoint.uploadId);
        } catch (RuntimeException e) {
            if (!ReadRefusals.refused(e)) {
                throw e;
            }
            // Without ListParts no stored part can be trusted: every part goes again, under the same upload.
            AgentLog.info("this key may not list the parts of " + file.objectName() + " already in OSS (ListParts: "
                    + ((com.aliyun.oss.OSSException) e).getErrorCode() + "); sending its multipart upload again"
                    + " from the first part");
            return matching;
        }
        for (PartETag part : recorded.values()) {
            PartSummary inOss = listed.get(part.getPartNumber());
            if (inOss != null && inOss.getSize() == part.getPartSize() && sameETag(inOss.getETag(), part.getETag())
                    && crcOfFile(file, version, checkpoint.partSize, part) == part.getPartCRC()) {
                matching.put(part.getPartNumber(), part);
            }
        }
        int differ = recorded.size() - matching.size();
        if (differ > 0) {
            AgentLog.warn(differ + " of the " + recorded.size() + " parts of " + file.objectName() + " already in OSS"
                    + " no longer match " + file.path() + " (rewritten since they were sent?); sending them again");
        }
        return matching;
    }

    private Map<Integer, PartSummary> list(PlannedFile file, String uploadId) {
        Map<Integer, PartSummary> parts = new HashMap<>();
        Integer marker = null;
        while (true) {
            ListPartsRequest request = new ListPartsRequest(file.bucket(), file.key(), uploadId);
            request.setMaxParts(PAGE);
            request.setPartNumberMarker(marker);
            PartListing page = retrier.call("list parts of " + file.objectName(), () -> client.listParts(request));
            for (PartSummary part : page.getParts()) {
                parts.put(part.getPartNumber(), part);
            }
            if (!page.isTruncated() || page.getNextPartNumberMarker() == null) {
                return parts;
            }
            marker = page.getNextPartNumberMarker();
        }
    }

    private static long crcOfFile(PlannedFile file, FileVersion version, long partSize, PartETag part) {
        try {
            return RangeCrc.of(version, (part.getPartNumber() - 1) * partSize, part.getPartSize());
        } catch (NoSuchFileException e) {
            throw new LocalFileGone(file.path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.path(), e);
        }
    }

    private static boolean sameETag(String a, String b) {
        return a != null && b != null && a.replace("\"", "").equalsIgnoreCase(b.replace("\"", ""));
    }
}
