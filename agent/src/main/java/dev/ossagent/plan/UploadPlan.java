package dev.ossagent.plan;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

/** What one {@code train} return asks to upload: files that exist, and entries that were missing. */
public final class UploadPlan {
    private final Path modelPath;
    private final String trainer;
    private final List<PlannedFile> files;
    private final List<String> missing;
    private final List<String> gaps;

    public UploadPlan(Path modelPath, String trainer, List<PlannedFile> files, List<String> missing, List<String> gaps) {
        this.modelPath = modelPath;
        this.trainer = trainer;
        this.files = Collections.unmodifiableList(files);
        this.missing = Collections.unmodifiableList(missing);
        this.gaps = Collections.unmodifiableList(gaps);
    }

    public Path modelPath() { return modelPath; }
    /** {@code Class#method} whose return made this plan. */
    public String trainer() { return trainer; }
    public List<PlannedFile> files() { return files; }
    public List<String> missing() { return missing; }
    /**
     * What the plan named but cannot upload, one line each: a listed file that is missing, files that would
     * become one object. Any of them means the set is incomplete, so it gets no manifest.
     */
    public List<String> gaps() { return gaps; }

    public long totalBytes() {
        long total = 0;
        for (PlannedFile file : files) {
            total += file.size();
        }
        return total;
    }
}
