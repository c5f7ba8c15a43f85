package dev.ossagent.localoss;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** Receives upload bodies with the configured faults applied and Content-MD5 enforced. */
final class IncomingBody {
    /** Small XML bodies (CompleteMultipartUpload, DeleteObjects) are read whole, but bounded. */
    private static final int MAX_XML_BODY = 16 * 1024 * 1024;

    private final Faults faults;
    private final BodyReceiver receiver;

    IncomingBody(Faults faults, BodyReceiver receiver) {
        this.faults = faults;
        this.receiver = receiver;
    }

    BodyReceiver.Received toFile(OssRequest req, Path target) throws IOException {
        return to(req, Files.newOutputStream(target));
    }

    /** Receives the body into {@code out}, which it closes. */
    BodyReceiver.Received to(OssRequest req, OutputStream out) throws IOException {
        long length = req.contentLength();
        long dropAfter = faults.rollReset() ? Math.max(0, length) / 2 : -1;
        boolean corrupt = faults.takeCorruption();
        BodyReceiver.Received r;
        try {
            r = receiver.receive(req.body(), out, corrupt, dropAfter);
        } catch (IOException | RuntimeException e) {
            if (corrupt) {
                faults.returnCorruption();
            }
            throw e;
        }
        if (corrupt && r.size == 0) {
            faults.returnCorruption();
        }
        if (length >= 0 && r.size != length) {
            throw new OssError(400, "IncompleteBody", "The request body is shorter than its Content-Length.");
        }
        String md5 = req.header("Content-MD5");
        if (md5 != null) {
            byte[] claimed;
            try {
                claimed = Base64.getDecoder().decode(md5.trim());
            } catch (IllegalArgumentException e) {
                throw new OssError(400, "InvalidDigest", "The Content-MD5 you specified is not valid.");
            }
            if (!java.util.Arrays.equals(claimed, r.receivedMd5)) {
                throw new OssError(400, "InvalidDigest", "The Content-MD5 you specified did not match what we received.");
            }
        }
        return r;
    }

    byte[] small(OssRequest req) throws IOException {
        InputStream in = req.body();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
            if (out.size() > MAX_XML_BODY) {
                throw new OssError(400, "EntityTooLarge", "The XML request body is too large.");
            }
        }
        receiver.countBytes(out.size());
        byte[] body = out.toByteArray();
        String md5 = req.header("Content-MD5");
        if (md5 != null) {
            byte[] actual = BodyReceiver.md5().digest(body);
            if (!Base64.getEncoder().encodeToString(actual).equals(md5.trim())) {
                throw new OssError(400, "InvalidDigest", "The Content-MD5 you specified did not match what we received.");
            }
        }
        return body;
    }
}
