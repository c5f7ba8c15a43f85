package dev.ossagent.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSliceTest {
    @TempDir
    Path dir;

    private Path file(int size) throws IOException {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) i;
        }
        return Files.write(dir.resolve("f.bin"), bytes);
    }

    @Test
    void exactlyTheRangeAndMarkResetByPosition() throws IOException {
        Path file = file(100);
        try (FileSlice slice = new FileSlice(file, 10, 20)) {
            slice.mark(0);
            byte[] first = slice.readAllBytes();
            assertEquals(20, first.length);
            assertEquals(10, first[0]);
            assertEquals(-1, slice.read());
            slice.reset();
            assertArrayEquals(first, slice.readAllBytes(), "a retry sends the same bytes");
        }
    }

    @Test
    void aFileCutShortWhileItIsReadFailsAtOnceInsteadOfEndingTheBodyShort() throws IOException {
        Path file = file(100);
        try (FileSlice slice = new FileSlice(file, 0, 100)) {
            byte[] head = new byte[40];
            assertEquals(40, slice.read(head, 0, 40));
            Files.write(file, Arrays.copyOf(head, 50)); // rewritten in place, shorter
            IOException e = assertThrows(IOException.class, slice::readAllBytes);
            assertTrue(e.getMessage().endsWith("became shorter while it was being sent"), e.getMessage());
        }
    }
}
