package dev.ossagent.transfer;

import com.aliyun.oss.event.ProgressListener;
import dev.ossagent.failure.LocalFileGone;
import dev.ossagent.plan.PlannedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;

/**
 * One request whose body is a slice of a file (a PutObject or a part): its bytes count as one attempt of
 * the file's progress and are taken back when it fails; a file gone meanwhile is {@link LocalFileGone}.
 */
final class SliceRequest {
    /** Sends {@code body}, reporting its bytes to {@code attempt}. */
    interface Sender<T> {
        T send(FileSlice body, ProgressListener attempt);
    }

    private SliceRequest() {
    }

    /**
     * @param sha256 fed with the slice's bytes as they are read (see {@link FileSlice}); null for none
     * @param cap    the session's bandwidth cap
     */
    static <T> T send(PlannedFile file, long offset, long length, MessageDigest sha256, BandwidthCap cap,
                      TransferProgress progress, Sender<T> sender) {
        TransferProgress.Attempt attempt = progress.attempt();
        try (FileSlice body = new FileSlice(file.path(), offset, length, sha256, cap)) {
            return sender.send(body, attempt);
        } catch (NoSuchFileException e) {
            attempt.failed();
            throw new LocalFileGone(file.path());
        } catch (IOException e) {
            attempt.failed();
            throw new UncheckedIOException("cannot read " + file.path(), e);
        } catch (RuntimeException e) {
            attempt.failed();
            throw e;
        }
    }
}
