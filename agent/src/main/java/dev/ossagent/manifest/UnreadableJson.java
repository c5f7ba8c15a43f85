package dev.ossagent.manifest;

/** A manifest or latest pointer read from a bucket that is not what the agent writes; the message says why. */
public final class UnreadableJson extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableJson(String why) {
        super(why);
    }
}
