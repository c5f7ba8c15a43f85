package dev.ossagent.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes secret files the way a careful user keeps them (mode 600), unless a test says otherwise. */
final class TestFiles {
    static final String ID = "LTAI-TESTID00000001";
    static final String SECRET = "test-secret-never-print-1";
    static final String CONSOLE_CSV = "AccessKey ID,AccessKey Secret\n" + ID + "," + SECRET + "\n";

    private TestFiles() {
    }

    static Path write(Path dir, String name, String text) throws IOException {
        return write(dir, name, text.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        chmod(file, "rw-------");
        return file;
    }

    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    static void chmod(Path file, String permissions) throws IOException {
        if (posix()) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        }
    }
}
