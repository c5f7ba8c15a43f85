package dev.ossagent.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OS file lock saying "this process is uploading this plan". The OS drops it when the process dies
 * (also on kill -9), so {@code resume} can take over exactly the plans nobody is working on.
 */
final class PlanLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private PlanLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Lock files this JVM holds. Asked about one of them, no channel is even opened: on Linux, closing any
     * channel to a file releases every lock this process holds on it, the upload thread's too.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    /** The lock, or null when another process (or this one) holds it. */
    static PlanLock tryAcquire(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        if (!HELD.add(key)) {
            return null;
        }
        FileChannel channel;
        try {
            channel = PrivateFiles.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            HELD.remove(key);
            throw e;
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new PlanLock(file, channel, lock);
            }
        } catch (OverlappingFileLockException e) {
            // held by this JVM: just as busy
        } catch (IOException | RuntimeException e) {
            HELD.remove(key);
            channel.close();
            throw e;
        }
        HELD.remove(key);
        channel.close();
        return null;
    }

    /** Deletes the lock file while still holding it, then releases: for a plan that is finished. */
    void deleteAndClose() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Windows keeps open files; an empty lock file left behind is harmless.
        }
        close();
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases it too
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to release
        } finally {
            HELD.remove(file.toAbsolutePath().normalize());
        }
    }
}
