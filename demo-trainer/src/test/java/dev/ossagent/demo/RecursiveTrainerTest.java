package dev.ossagent.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecursiveTrainerTest {

    @TempDir
    Path tmp;

    @Test
    void recursesAndReturnsTheSmallFileItWrote() throws IOException {
        Path model = new RecursiveTrainer().train(tmp, 5);

        assertEquals(tmp.resolve("recursive-model.bin").toAbsolutePath(), model);
        assertTrue(model.isAbsolute());
        byte[] bytes = Files.readAllBytes(model);
        assertEquals(256, bytes.length);
        assertEquals((byte) 255, bytes[255]);
    }

    @Test
    void negativeDepthIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RecursiveTrainer().train(tmp, -1));
    }
}
