package dev.ossagent.mltrainers.shapes;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** Implements {@link Exporter}. */
public class FileExporter implements Exporter {
    @Override
    public void export(File file) throws IOException {
        Files.write(file.toPath(), "exported through an interface".getBytes(StandardCharsets.UTF_8));
    }
}
