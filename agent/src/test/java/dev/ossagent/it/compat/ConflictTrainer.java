package dev.ossagent.it.compat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The trainer class of {@link ConflictTrainerMain}: writes a small model and returns its path. */
public class ConflictTrainer {
    public String train(Path dataDir, String content) throws IOException {
        Path model = dataDir.resolve("conflict-model.bin");
        Files.write(model, content.getBytes(StandardCharsets.UTF_8));
        return model.toString();
    }
}
