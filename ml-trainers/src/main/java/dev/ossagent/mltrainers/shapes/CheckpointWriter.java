package dev.ossagent.mltrainers.shapes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Writes a checkpoint of the given step to the same file every time, as long training runs do. */
public class CheckpointWriter {
    private final byte[] buffer;

    public CheckpointWriter(int size) {
        buffer = new byte[size];
    }

    public void checkpoint(Path path, int step) throws IOException {
        Arrays.fill(buffer, (byte) step);
        System.arraycopy(Integer.toString(step).getBytes(), 0, buffer, 0, Integer.toString(step).length());
        Files.write(path, buffer);
    }
}
