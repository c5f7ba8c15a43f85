package dev.ossagent.mltrainers.shapes;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Overrides the base class's save(Path) without calling it, and implements the abstract save(File). */
public class OverridingTrainer extends BaseTrainer {
    @Override
    public void save(Path path) throws IOException {
        Files.write(path, "overriding save".getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void save(File file) throws IOException {
        Files.write(file.toPath(), "overriding save to a File".getBytes(StandardCharsets.UTF_8));
    }
}
