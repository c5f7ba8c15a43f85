package dev.ossagent.transfer;

/**
 * The opened version of a file was rewritten in place while it was sent: its upload was abandoned (the
 * PutObject ended before its last byte, the multipart upload aborted instead of completed), so the object in
 * OSS is still the previous good one. Not retried as a request: the file is opened again and sent anew.
 */
final class FileChanged extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FileChanged(String change) {
        super(change);
    }
}
