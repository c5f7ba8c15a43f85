package dev.ossagent.transfer;

import dev.ossagent.integrity.FileDigest;
import dev.ossagent.integrity.FileVersion;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        try (FileSlice slice = new FileSlice(FileVersion.open(file), 10, 20)) {
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
    void smallReadsAcrossBlocksAndAResetIntoAnEarlierBlockReturnTheFileBytes() throws IOException {
        int size = 3 * FileSlice.BLOCK + 77;
        Path file = file(size);
        byte[] whole = Files.readAllBytes(file);
        int offset = 5;
        int length = size - offset - 3;
        try (FileSlice slice = new FileSlice(FileVersion.open(file), offset, length)) {
            slice.mark(0);
            byte[] first = readInPieces(slice, 2048);
            assertArrayEquals(Arrays.copyOfRange(whole, offset, offset + length), first);
            slice.reset();
            assertArrayEquals(first, readInPieces(slice, 1000), "a retry sends the same bytes");
        }
    }

    private static byte[] readInPieces(FileSlice slice, int piece) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[piece];
        int n;
        while ((n = slice.read(buffer, 0, piece)) >= 0) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    @Test
    void aFileCutShortWhileItIsReadFailsAtOnceInsteadOfEndingTheBodyShort() throws IOException {
        int size = 3 * FileSlice.BLOCK;
        Path file = file(size);
        try (FileSlice slice = new FileSlice(FileVersion.open(file), 0, size)) {
            byte[] head = new byte[40];
            assertEquals(40, slice.read(head, 0, 40));
            Files.write(file, Arrays.copyOf(head, 50)); // rewritten in place, shorter
            IOException e = assertThrows(IOException.class, slice::readAllBytes);
            assertTrue(e.getMessage().contains("became shorter while it was being sent (size 393216 -> 50 bytes"),
                    e.getMessage());
        }
    }

    @Test
    void hashesEachByteOnceEvenWhenTheBodyIsSentAgain() throws Exception {
        int size = 2 * FileSlice.BLOCK + 1234;
        Path file = file(size);
        byte[] whole = Files.readAllBytes(file);
        int offset = 17;
        int length = size - offset;
        java.security.MessageDigest sha = FileDigest.sha256();
        try (FileSlice slice = new FileSlice(FileVersion.open(file), offset, length, sha, BandwidthCap.NONE, false, n -> { })) {
            slice.mark(0);
            readInPieces(slice, 3000);
            slice.reset();
            readInPieces(slice, 2048);
            assertTrue(slice.fullyRead());
            com.aliyun.oss.common.utils.CRC64 sdk = new com.aliyun.oss.common.utils.CRC64();
            sdk.update(whole, offset, length);
            assertEquals(sdk.getValue(), slice.crc64());
        }
        assertArrayEquals(java.security.MessageDigest.getInstance("SHA-256").digest(
                Arrays.copyOfRange(whole, offset, size)), sha.digest());
    }

    @Test
    void aSliceNotReadToItsEndSaysSo() throws IOException {
        Path file = file(3 * FileSlice.BLOCK);
        try (FileSlice slice = new FileSlice(FileVersion.open(file), 0, 3 * FileSlice.BLOCK)) {
            assertEquals(0, slice.read());
            assertTrue(!slice.fullyRead(), "only the first block was read");
        }
        try (FileSlice empty = new FileSlice(FileVersion.open(file), 1000, 0)) {
            assertTrue(empty.fullyRead());
            assertEquals(0, empty.crc64());
        }
    }

    @Test
    void aFileRewrittenInPlaceEndsTheBodyBeforeItsLastByte() throws IOException {
        Path file = file(3 * FileSlice.BLOCK);
        try (FileVersion version = FileVersion.open(file);
             FileSlice slice = new FileSlice(version, 0, 3 * FileSlice.BLOCK, null, BandwidthCap.NONE, true, n -> { })) {
            byte[] buffer = new byte[FileSlice.BLOCK];
            assertEquals(FileSlice.BLOCK, slice.read(buffer, 0, buffer.length));
            Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 1));
            assertEquals(FileSlice.BLOCK, slice.read(buffer, 0, buffer.length), "not the last block yet");
            IOException e = assertThrows(IOException.class, () -> slice.read(buffer, 0, buffer.length));
            assertTrue(e.getMessage().contains("changed while it was being sent (modified"), e.getMessage());
            assertTrue(slice.torn() != null && slice.torn().startsWith("modified "), slice.torn());
        }
    }

    @Test
    void aSaveRenamedOverThePathLeavesTheOpenedVersionWhole() throws IOException {
        Path file = file(3 * FileSlice.BLOCK);
        byte[] original = Files.readAllBytes(file);
        try (FileVersion version = FileVersion.open(file);
             FileSlice slice = new FileSlice(version, 0, original.length, null, BandwidthCap.NONE, true, n -> { })) {
            byte[] first = new byte[10];
            slice.read(first, 0, first.length);
            Path newer = file.resolveSibling("newer.tmp");
            Files.write(newer, new byte[original.length + 7]);
            Files.move(newer, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            byte[] rest = readInPieces(slice, 5000);
            assertArrayEquals(Arrays.copyOfRange(original, 10, original.length), rest, "the opened save, whole");
            assertEquals(null, slice.torn());
            assertTrue(version.replaced());
        }
    }

    @Test
    void aFileTruncatedInPlaceWhileItIsReadIsAChangedVersionNotAReadError() throws IOException {
        Path file = file(3 * FileSlice.BLOCK);
        try (FileVersion version = FileVersion.open(file);
             FileSlice slice = new FileSlice(version, 0, 3 * FileSlice.BLOCK, null, BandwidthCap.NONE, false, n -> { })) {
            byte[] buffer = new byte[FileSlice.BLOCK];
            assertEquals(FileSlice.BLOCK, slice.read(buffer, 0, buffer.length));
            Files.write(file, new byte[10]); // truncates, then writes: as Files.write in a trainer does
            IOException e = assertThrows(IOException.class, () -> slice.read(buffer, 0, buffer.length));
            assertTrue(e.getMessage().contains("became shorter while it was being sent (size 393216 -> 10 bytes"),
                    e.getMessage());
            assertTrue(slice.torn() != null && slice.torn().startsWith("size 393216 -> 10 bytes"), slice.torn());
        }
    }
}
