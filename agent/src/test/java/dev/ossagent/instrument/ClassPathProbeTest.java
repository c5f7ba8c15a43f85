package dev.ossagent.instrument;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassPathProbeTest {
    private final String saved = System.getProperty("java.class.path");

    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        System.setProperty("java.class.path", saved);
    }

    private Path jar(String name, String classPath, String... entries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classPath != null) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        Path jar = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (String entry : entries) {
                out.putNextEntry(new JarEntry(entry));
                out.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
                out.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void findsAClassInAFolderAJarOrAJarItsManifestNames() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes/com/example"));
        Files.write(classes.resolve("InFolder.class"), new byte[] {1});
        jar("lib-inner.jar", null, "com/example/Inner.class");
        Files.createDirectories(dir.resolve("lib"));
        Files.move(dir.resolve("lib-inner.jar"), dir.resolve("lib/inner.jar"));
        Path app = jar("app.jar", "lib/inner.jar missing.jar", "com/example/App.class");
        System.setProperty("java.class.path", dir.resolve("classes") + File.pathSeparator + app
                + File.pathSeparator + dir.resolve("nowhere"));

        assertTrue(ClassPathProbe.has("com/example/InFolder.class"));
        assertTrue(ClassPathProbe.has("com/example/App.class"));
        assertTrue(ClassPathProbe.has("com/example/Inner.class"));
        assertFalse(ClassPathProbe.has("com/example/NeverLoaded.class"));
    }

    @Test
    void anEmptyOrBrokenClassPathHasNothing() throws Exception {
        Files.writeString(dir.resolve("broken.jar"), "not a zip");
        System.setProperty("java.class.path", File.pathSeparator + dir.resolve("broken.jar"));
        assertFalse(ClassPathProbe.has("com/example/App.class"));
    }
}
