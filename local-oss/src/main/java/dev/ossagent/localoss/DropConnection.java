package dev.ossagent.localoss;

/** Thrown to make the handler drop the TCP connection without answering (fault injection). */
final class DropConnection extends RuntimeException {
    DropConnection() {
        super("connection dropped by fault injection", null, false, false);
    }
}
