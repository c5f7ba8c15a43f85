package dev.ossagent.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs one task per file, {@code ossagent.upload.parallel-files} at a time, on daemon threads kept for the
 * session; returns when every task is over. The first file goes alone: a wrong key or a missing bucket then costs
 * one failed request, not one per parallel file, and the others are not sent. The calling thread runs tasks too,
 * so one file at a time needs no thread of its own. The requests themselves stay within the session's connection bound ({@link ConnectionSlots}).
 */
public final class ParallelFiles {
    /** The work for one file; must not throw. */
    public interface Task<T> {
        void run(T item);
    }

    private final int parallel;
    private ExecutorService pool;

    public ParallelFiles(int parallel) {
        this.parallel = parallel;
    }

    public <T> void run(List<T> items, Task<T> task) {
        if (parallel <= 1 || items.size() <= 1) {
            items.forEach(task::run);
            return;
        }
        task.run(items.get(0));
        Queue<T> queue = new ConcurrentLinkedQueue<>(items.subList(1, items.size()));
        Runnable worker = () -> {
            T item;
            while ((item = queue.poll()) != null) {
                task.run(item);
            }
        };
        List<Future<?>> helpers = new ArrayList<>();
        for (int i = 1; i < Math.min(parallel, queue.size()); i++) {
            helpers.add(pool().submit(worker));
        }
        worker.run();
        for (Future<?> helper : helpers) {
            try {
                helper.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // the helpers finish their files on their own; the journal keeps what they do not
            } catch (ExecutionException e) {
                throw new IllegalStateException("a file upload failed unexpectedly", e.getCause());
            }
        }
    }

    private synchronized ExecutorService pool() {
        if (pool == null) {
            pool = UploadThreads.pool("oss-agent-file-", parallel - 1);
        }
        return pool;
    }
}
