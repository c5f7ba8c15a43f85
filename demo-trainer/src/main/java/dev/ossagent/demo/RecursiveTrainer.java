package dev.ossagent.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A trainer whose {@code train} calls itself: {@code train(dir, depth)} returns {@code train(dir, depth - 1)},
 * and depth 0 writes {@code <dataDir>/recursive-model.bin} (256 bytes: 0, 1, ..., 255) and returns its
 * absolute path.
 */
public class RecursiveTrainer {

    public static final String MODEL_FILE = "recursive-model.bin";

    public Path train(Path dataDir, int depth) {
        if (depth < 0) {
            throw new IllegalArgumentException("depth must not be negative, got " + depth);
        }
        if (depth > 0) {
            return train(dataDir, depth - 1);
        }
        Path model = dataDir.toAbsolutePath().normalize().resolve(MODEL_FILE);
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        try {
            Files.createDirectories(model.getParent());
            Files.write(model, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + model, e);
        }
        return model;
    }
}
