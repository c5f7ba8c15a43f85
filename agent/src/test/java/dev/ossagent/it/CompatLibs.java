package dev.ossagent.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Class paths for the trainer fixtures of agent/src/test/java/dev/ossagent/it/compat: the test
 * classes, and the old library versions maven-dependency-plugin copied to target/compat-libs.
 */
public final class CompatLibs {
    private CompatLibs() {
    }

    public static Path testClasses() {
        try {
            return Paths.get(CompatLibs.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The jars in target/compat-libs whose names start with one of the prefixes. */
    public static List<Path> jars(String... prefixes) {
        Path dir = Paths.get(System.getProperty("ossagent.it.compatLibs", "target/compat-libs")).toAbsolutePath();
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.sorted().forEach(jar -> {
                for (String prefix : prefixes) {
                    if (jar.getFileName().toString().startsWith(prefix)) {
                        jars.add(jar);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(dir + " is missing: run mvn -B verify from the project root", e);
        }
        if (jars.size() < prefixes.length) {
            throw new IllegalStateException("not all of " + List.of(prefixes) + " in " + dir + ": " + jars);
        }
        return jars;
    }

    public static String classPath(List<Path> entries) {
        List<String> parts = new ArrayList<>();
        for (Path entry : entries) {
            parts.add(entry.toString());
        }
        return String.join(java.io.File.pathSeparator, parts);
    }
}
