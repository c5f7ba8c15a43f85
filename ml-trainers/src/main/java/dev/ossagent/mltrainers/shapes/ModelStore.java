package dev.ossagent.mltrainers.shapes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

/** A library class in a jar of its own, saving with {@code void save(String path)}. */
public class ModelStore {
    public void save(String path) throws IOException {
        Files.write(Paths.get(path), ("weights saved by the library " + path).getBytes(StandardCharsets.UTF_8));
    }
}
