package dev.ossagent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weave cache tells agent jars apart by the digest the build put in their manifest: a new jar with the same
 * path, size and time as the old (reproducible builds with fixed times) is another jar all the same.
 */
class JarIdentityTest {
    private static final FileTime FIXED = FileTime.fromMillis(315_532_800_000L); // 1980-01-01, as Nix and Bazel use

    @TempDir
    Path dir;

    private static void jar(Path file, String digest, String classBytes) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue(JarIdentity.ATTRIBUTE, digest);
        // Not compressed, so that equal lengths make equal sizes.
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream jar = new ZipOutputStream(out)) {
            jar.setLevel(Deflater.NO_COMPRESSION);
            ZipEntry meta = new ZipEntry("META-INF/MANIFEST.MF");
            meta.setTime(FIXED.toMillis());
            jar.putNextEntry(meta);
            manifest.write(jar);
            jar.closeEntry();
            ZipEntry entry = new ZipEntry("dev/ossagent/Thing.class");
            entry.setTime(FIXED.toMillis());
            jar.putNextEntry(entry);
            jar.write(classBytes.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            jar.closeEntry();
        }
        Files.setLastModifiedTime(file, FIXED);
    }

    @Test
    void twoJarsOfTheSameSizeAndTimeAreToldApartByTheirDigest() throws Exception {
        Path agent = dir.resolve("oss-agent.jar");
        jar(agent, "1".repeat(64), "old bytes");
        long size = Files.size(agent);
        String old = JarIdentity.of(agent);

        jar(agent, "2".repeat(64), "new bytes");

        assertEquals(size, Files.size(agent), "same size");
        assertEquals(FIXED, Files.getLastModifiedTime(agent), "same time");
        assertNotEquals(old, JarIdentity.of(agent));
        assertEquals("sha256:" + "2".repeat(64), JarIdentity.of(agent));
    }
}
