package dev.ossagent.transfer;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A request body the agent writes to the connection itself, in large blocks, instead of letting the SDK copy it
 * 2 KiB at a time through its own stream ({@link DirectBodies}).
 */
interface RequestBody {
    long length();

    /** Writes every byte, from the first, hashing and counting them as they go out; once per sending. */
    void writeTo(OutputStream out) throws IOException;
}
