package dev.ossagent.transfer;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's worker threads: daemon (never the reason a JVM stays up; the exit hook decides how long to wait),
 * at most {@code size} of them, started when work comes and ended after a while without any, so they are reused
 * from file to file and part to part instead of started for each.
 */
final class UploadThreads {
    private static final AtomicInteger NUMBER = new AtomicInteger();
    private static final long IDLE_SECONDS = 30;

    private UploadThreads() {
    }

    static ExecutorService pool(String namePrefix, int size) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, namePrefix + NUMBER.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
