package dev.ossagent.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.MultipartUpload;
import com.aliyun.oss.model.MultipartUploadListing;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep's refusals: a key that may not list or may not abort gets one line each, and the sweep goes on. */
class OrphanSweepTest {
    @TempDir
    Path dir;

    private final List<String> calls = new ArrayList<>();

    /** An OSS client whose listing answers one two-day-old upload, or is denied, and whose aborts are denied. */
    private OSS denying(boolean listing) {
        return (OSS) Proxy.newProxyInstance(OSS.class.getClassLoader(), new Class<?>[] {OSS.class}, (proxy, method, args) -> {
            calls.add(method.getName());
            switch (method.getName()) {
                case "listMultipartUploads":
                    if (listing) {
                        throw new OSSException("denied", "AccessDenied", "REQ", null, null, null, null);
                    }
                    MultipartUpload upload = new MultipartUpload();
                    upload.setKey("models/old.bin");
                    upload.setUploadId("U1");
                    upload.setInitiated(new Date(System.currentTimeMillis() - 2 * 86_400_000L));
                    MultipartUploadListing page = new MultipartUploadListing();
                    page.setMultipartUploads(List.of(upload));
                    page.setTruncated(false);
                    return page;
                case "abortMultipartUpload":
                    throw new OSSException("denied", "AccessDenied", "REQ", null, null, null, null);
                default:
                    throw new UnsupportedOperationException(method.getName());
            }
        });
    }

    @Test
    void aKeyThatMayNotListSaysSoAndAbortsNothing() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir)) {
            assertEquals(0, OrphanSweep.run(denying(true), oss.settings, null));
            assertTrue(oss.log().contains("could not list the incomplete multipart uploads under "
                    + TransferFixture.BUCKET + "/models/ (AccessDenied), so none was aborted"), oss.log());
        }
    }

    @Test
    void aKeyThatMayNotAbortSaysSoPerUpload() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir)) {
            assertEquals(0, OrphanSweep.run(denying(false), oss.settings, null));
            assertTrue(oss.log().contains("could not abort the incomplete multipart upload of "
                    + TransferFixture.BUCKET + "/models/old.bin (AccessDenied)"), oss.log());
            assertTrue(calls.contains("abortMultipartUpload"), calls.toString());
        }
    }

    @Test
    void offSendsNoRequest() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir, "ossagent.multipart.orphan-age", "off")) {
            assertEquals(0, OrphanSweep.run(denying(false), oss.settings, null));
            assertEquals(List.of(), calls);
        }
    }
}
