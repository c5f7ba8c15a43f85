package dev.ossagent.mltrainers.shapes;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A framework's base class: a save body of its own, and an abstract save that subclasses implement. */
public abstract class BaseTrainer {
    public void save(Path path) throws IOException {
        Files.write(path, ("base save of " + getClass().getSimpleName()).getBytes(StandardCharsets.UTF_8));
    }

    public abstract void save(File file) throws IOException;
}
