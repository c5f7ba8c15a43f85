package dev.ossagent.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * The ml-trainers jars and their libraries: trainers that save through real ML libraries, and save methods of every
 * shape. The deep learning libraries are in modules of their own (ml-trainers-dl4j, ml-trainers-djl), each with its
 * own libraries.
 */
public final class MlTrainers {
    /** What Spark's own launch scripts open on JDK 17 (Spark 3.5 reflects into these packages). */
    public static final List<String> SPARK_OPENS = List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io",
            "java.net", "java.nio", "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "sun.nio.ch",
            "sun.nio.cs", "sun.security.action", "sun.util.calendar");

    private MlTrainers() {
    }

    /** The target folder of a module, {@code ml-trainers} or {@code ml-trainers-<library>}. */
    private static Path target(String module) {
        String value = System.getProperty("ossagent.it.modules");
        Path path = (value != null ? Paths.get(value) : Paths.get("..")).resolve(module).resolve("target")
                .toAbsolutePath().normalize();
        if (!Files.isRegularFile(path.resolve(module + ".jar"))) {
            throw new IllegalStateException(path.resolve(module + ".jar") + " is missing: run mvn -B verify from the"
                    + " project root");
        }
        return path;
    }

    /** The fixtures' jar alone: the save methods of every shape need no library. */
    public static String jarOnly() {
        return target("ml-trainers").resolve("ml-trainers.jar").toString();
    }

    /** The fixtures' jar and every library jar. */
    public static String withLibraries() {
        return withLibraries("ml-trainers");
    }

    /** A module's jar and its libraries. */
    public static String withLibraries(String module) {
        Path target = target(module);
        return target.resolve(module + ".jar") + java.io.File.pathSeparator + target.resolve("libs") + "/*";
    }
}
