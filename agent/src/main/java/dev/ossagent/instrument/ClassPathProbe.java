package dev.ossagent.instrument;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.StringTokenizer;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Whether a class file is on the application class path ({@code java.class.path}, and the {@code Class-Path} of
 * its jars' manifests, in turn), read directly. Not {@code ClassLoader.getSystemResource}: that asks the platform and boot
 * loaders first, which opens the JDK's module image (some 20 classes and 10 to 20 ms on a fresh JVM), in every
 * JVM the agent is attached to, for a class that is never there.
 */
final class ClassPathProbe {
    private ClassPathProbe() {
    }

    /** @param resource e.g. {@code com/example/Trainer.class} */
    static boolean has(String resource) {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            add(entries, null, entry);
        }
        for (int i = 0; i < entries.size(); i++) {
            Path entry = entries.get(i);
            if (Files.isDirectory(entry)) {
                if (Files.isRegularFile(entry.resolve(resource))) {
                    return true;
                }
            } else if (Files.isRegularFile(entry)) {
                try (JarFile jar = new JarFile(entry.toFile(), false)) {
                    if (jar.getEntry(resource) != null) {
                        return true;
                    }
                    if (i < 64) { // Class-Path entries, followed as the JVM does, from the first 64 jars only
                        addManifestClassPath(entries, entry, jar.getManifest());
                    }
                } catch (IOException | RuntimeException e) {
                    // not a jar the JVM could read either
                }
            }
        }
        return false;
    }

    private static void addManifestClassPath(List<Path> entries, Path jar, Manifest manifest) {
        String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        if (classPath == null) {
            return;
        }
        StringTokenizer names = new StringTokenizer(classPath); // not split("\\s+"): no regex classes for this
        while (names.hasMoreTokens()) {
            add(entries, jar.getParent(), names.nextToken());
        }
    }

    private static void add(List<Path> entries, Path base, String entry) {
        if (entry.isEmpty()) {
            return;
        }
        try {
            Path path = base == null ? Paths.get(entry) : base.resolve(entry.replace('/', File.separatorChar));
            if (!entries.contains(path)) {
                entries.add(path);
            }
        } catch (InvalidPathException e) {
            // a URL form (file:...) or a name this file system cannot hold: the JVM skips it too
        }
    }
}
