package dev.ossagent.mltrainers.shapes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes part of a file, then fails: a save that throws must upload nothing. */
public class FailingSaver {
    public void save(Path path) throws IOException {
        Files.write(path, "half written".getBytes(StandardCharsets.UTF_8));
        throw new IOException("disk full (simulated)");
    }
}
