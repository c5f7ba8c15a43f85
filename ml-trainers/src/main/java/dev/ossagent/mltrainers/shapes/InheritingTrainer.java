package dev.ossagent.mltrainers.shapes;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** Inherits the base class's save(Path) body; implements the abstract save(File) only. */
public class InheritingTrainer extends BaseTrainer {
    @Override
    public void save(File file) throws IOException {
        Files.write(file.toPath(), "inheriting save to a File".getBytes(StandardCharsets.UTF_8));
    }
}
