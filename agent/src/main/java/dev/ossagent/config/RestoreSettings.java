package dev.ossagent.config;

import static dev.ossagent.config.SettingNames.RESTORE;
import static dev.ossagent.config.SettingNames.RESTORE_DIR;
import static dev.ossagent.config.SettingNames.RESTORE_TIMEOUT;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code ossagent.restore} ({@code latest} or a run id), {@code .dir} (the folder, relative to the settings
 * file) and {@code .timeout} (default 10m). Unset restore: nothing is fetched. Restore without a folder is a
 * setting error: there would be nowhere to put the files.
 */
public final class RestoreSettings {
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    public static final String LATEST = "latest";

    private final String run;
    private final Path dir;
    private final Duration timeout;

    RestoreSettings(String run, Path dir, Duration timeout) {
        this.run = run;
        this.dir = dir;
        this.timeout = timeout;
    }

    static RestoreSettings parse(RawSettings raw) throws SettingsException {
        String run = raw.get(RESTORE);
        String timeoutText = raw.get(RESTORE_TIMEOUT);
        Duration timeout = timeoutText == null || timeoutText.isEmpty() ? DEFAULT_TIMEOUT
                : Durations.parse(RESTORE_TIMEOUT, timeoutText);
        if (run == null || run.trim().isEmpty()) {
            return new RestoreSettings(null, null, timeout);
        }
        run = run.trim();
        String problem = run.equals(LATEST) ? null : KeyPart.problem(run);
        if (problem != null) {
            throw new SettingsException(OneLine.setting(RESTORE, run) + " is not latest nor a run id: " + problem);
        }
        String dirText = raw.get(RESTORE_DIR);
        if (dirText == null || dirText.trim().isEmpty()) {
            throw new SettingsException(RESTORE + "=" + OneLine.of(run) + " needs " + RESTORE_DIR
                    + ", the folder the trainer resumes from");
        }
        try {
            return new RestoreSettings(run, raw.baseDir().resolve(dirText.trim()).normalize(), timeout);
        } catch (InvalidPathException e) {
            throw new SettingsException(OneLine.setting(RESTORE_DIR, dirText) + " is not a valid path ("
                    + OneLine.of(e.getReason()) + ")");
        }
    }

    /** Null when nothing is to be restored; else {@link #LATEST} or a run id. */
    public String run() {
        return run;
    }

    public Path dir() {
        return dir;
    }

    public Duration timeout() {
        return timeout;
    }
}
