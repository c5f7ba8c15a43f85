package dev.ossagent.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Makes named pipes with mkfifo(1): the JDK has no call for it. */
public final class Fifo {
    private Fifo() {
    }

    /** False where mkfifo is not available (the test then skips). */
    public static boolean make(Path path) {
        try {
            Process process = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 && Files.exists(path);
        } catch (Exception e) {
            return false;
        }
    }
}
