package dev.ossagent.transfer;

import dev.ossagent.integrity.FileVersion;
import java.security.MessageDigest;

/**
 * One request whose body is a slice of a file (a PutObject or a part): its bytes count as one attempt of
 * the file's progress and are taken back when it fails; a request ended because the file was rewritten in
 * place is {@link FileChanged}.
 */
final class SliceRequest {
    /** Sends {@code body} in one SDK request. */
    interface Sender<T> {
        T send(FileSlice body);
    }

    private SliceRequest() {
    }

    /**
     * @param sha256 fed with the slice's bytes as they are read (see {@link FileSlice}); null for none
     * @param cap    the session's bandwidth cap
     * @param checkVersion whether the file must still be the opened version before the last byte goes out
     */
    static <T> T send(FileVersion file, long offset, long length, MessageDigest sha256, BandwidthCap cap,
                      boolean checkVersion, TransferProgress progress, Sender<T> sender) {
        TransferProgress.Attempt attempt = progress.attempt();
        FileSlice body = new FileSlice(file, offset, length, sha256, cap, checkVersion, attempt::sent);
        try {
            T answer = DirectBodies.sending(body, () -> sender.send(body));
            attempt.answered();
            return answer;
        } catch (RuntimeException e) {
            attempt.failed();
            if (body.torn() != null) {
                throw new FileChanged(body.torn());
            }
            throw e;
        }
    }
}
