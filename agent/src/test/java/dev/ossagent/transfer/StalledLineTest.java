package dev.ossagent.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Issue 22.2 / 26.1: the exit hook's "still uploading" line says when nothing moves, and why. */
class StalledLineTest {
    @Test
    void nothingMovedIsSaidWithTheEndpointWaitedFor() {
        UploadProgress progress = new UploadProgress();
        EndpointState endpoint = new EndpointState("http://127.0.0.1:9");
        progress.sendingTo(endpoint);
        progress.planned(2, 5_000_000);
        assertNull(progress.stalled(1_000), "the first look only notes where things are");
        assertEquals("0 B sent in 60 s: waiting for http://127.0.0.1:9 to answer for the first time",
                progress.stalled(61_000));
        progress.wrote(1000);
        assertNull(progress.stalled(66_000), "bytes moved");
        endpoint.answered();
        assertEquals("0 B sent in 5 s: waiting for http://127.0.0.1:9 to answer", progress.stalled(71_000));
    }

    @Test
    void anOutageIsSaidWithItsLengthAndTheNextTry() {
        UploadProgress progress = new UploadProgress();
        EndpointState endpoint = new EndpointState("http://127.0.0.1:9");
        endpoint.answered();
        progress.sendingTo(endpoint);
        endpoint.unreachable(5_000, 130_000, "connection refused");
        assertEquals("OSS unreachable for 95 s (connection refused), next try in 30 s", progress.stalled(100_000));
    }
}
