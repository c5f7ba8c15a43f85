package dev.ossagent.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/** The ml-trainers jar and its libraries: trainers that save through real ML libraries, and save methods of every shape. */
public final class MlTrainers {
    /** What Spark's own launch scripts open on JDK 17 (Spark 3.5 reflects into these packages). */
    public static final List<String> SPARK_OPENS = List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io",
            "java.net", "java.nio", "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "sun.nio.ch",
            "sun.nio.cs", "sun.security.action", "sun.util.calendar");

    private MlTrainers() {
    }

    private static Path target() {
        String value = System.getProperty("ossagent.it.mlTrainers");
        Path path = (value != null ? Paths.get(value) : Paths.get("../ml-trainers/target")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path.resolve("ml-trainers.jar"))) {
            throw new IllegalStateException(path.resolve("ml-trainers.jar") + " is missing: run mvn -B verify from the"
                    + " project root");
        }
        return path;
    }

    /** The fixtures' jar alone: the save methods of every shape need no library. */
    public static String jarOnly() {
        return target().resolve("ml-trainers.jar").toString();
    }

    /** The fixtures' jar and every library jar. */
    public static String withLibraries() {
        return jarOnly() + java.io.File.pathSeparator + target().resolve("libs") + "/*";
    }
}
