package dev.ossagent.transfer;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * One bound on the requests to OSS in flight at once ({@code ossagent.upload.connections}), shared by every
 * file and every part of an upload session: parallel files and parallel parts never add up to more.
 */
final class ConnectionSlots {
    private final Semaphore slots;

    ConnectionSlots(int connections) {
        this.slots = new Semaphore(connections, true);
    }

    /** Runs one request once a slot is free. */
    <T> T call(Supplier<T> request) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a connection to OSS");
        }
        try {
            return request.get();
        } finally {
            slots.release();
        }
    }
}
