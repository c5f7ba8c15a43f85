package dev.ossagent.transfer;

import dev.ossagent.config.SettingNames;
import dev.ossagent.journal.JournalEntry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Files and bytes still to upload across all queued plans, for the exit hook's progress lines, and the files
 * (and manifests) given up on, so that the exit hook says "finished" only when everything was.
 */
public final class UploadProgress {
    private final AtomicLong filesLeft = new AtomicLong();
    private final AtomicLong bytesLeft = new AtomicLong();
    /** Each file once (object and local path), however many plans held it: a checkpoint saved twice is one file. */
    private final Set<String> filesNotUploaded = ConcurrentHashMap.newKeySet();
    private final AtomicLong manifestsNotWritten = new AtomicLong();
    private final AtomicLong filesRefused = new AtomicLong();

    public void planned(int files, long bytes) {
        filesLeft.addAndGet(files);
        bytesLeft.addAndGet(bytes);
    }

    /** Bytes went out (negative: a failed attempt's bytes are taken back). */
    void sent(long bytes) {
        bytesLeft.addAndGet(-bytes);
    }

    /** One file is over, uploaded or given up; whatever of its planned size was not counted goes too. */
    public void fileDone(long plannedSize, long counted) {
        filesLeft.decrementAndGet();
        bytesLeft.addAndGet(-(Math.max(0, plannedSize) - counted));
    }

    /** A plan is over with these files still in its journal, or with its manifest not written. */
    public void notFinished(List<JournalEntry> files, boolean manifest) {
        for (JournalEntry file : files) {
            filesNotUploaded.add(file.bucket() + "/" + file.key() + "\n" + file.path());
        }
        manifestsNotWritten.addAndGet(manifest ? 1 : 0);
    }

    /** A plan is over with these files refused: OSS holds other content there and may not replace it. */
    public void refused(int files) {
        filesRefused.addAndGet(files);
    }

    /** Null when no file was refused; otherwise how many, for the exit line. */
    public String refused() {
        long files = filesRefused.get();
        return files == 0 ? null : files + " file(s) not uploaded because OSS already holds other content there ("
                + SettingNames.OVERWRITE + "=false; see above)";
    }

    /** Null when every plan so far finished; otherwise what did not, for the exit line. */
    public String unfinished() {
        long files = filesNotUploaded.size();
        long manifests = manifestsNotWritten.get();
        if (files == 0 && manifests == 0) {
            return null;
        }
        String what = files > 0 ? files + " file(s) not uploaded" : "";
        if (manifests > 0) {
            what += (what.isEmpty() ? "" : " and ") + manifests + " manifest(s) not written";
        }
        return what;
    }

    public long filesLeft() {
        return Math.max(0, filesLeft.get());
    }

    public long bytesLeft() {
        return Math.max(0, bytesLeft.get());
    }
}
