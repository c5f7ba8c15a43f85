package dev.ossagent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The JDKs integration tests run the trainer on: the default one, and JDK 25 where installed. */
public final class Jdks {
    private Jdks() {
    }

    public static List<Path> all() {
        List<Path> javas = new ArrayList<>();
        javas.add(Paths.get(System.getProperty("java.home"), "bin", "java"));
        Path jvms = Paths.get("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> dirs = Files.list(jvms)) {
                dirs.filter(dir -> dir.getFileName().toString().matches(".*-25(\\b|[-.]).*|.*jdk-?25.*"))
                        .map(dir -> dir.resolve("bin/java"))
                        .filter(Files::isExecutable)
                        .sorted()
                        .findFirst()
                        .ifPresent(javas::add);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return javas;
    }
}
