package dev.ossagent.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The built jars the integration tests run (paths given by the failsafe configuration). */
public final class Artifacts {
    private Artifacts() {
    }

    public static Path agentJar() {
        return existing("ossagent.it.agentJar", "agent/target/oss-agent.jar");
    }

    public static Path trainerJar() {
        return existing("ossagent.it.trainerJar", "demo-trainer/target/demo-trainer.jar");
    }

    private static Path existing(String property, String fallback) {
        String value = System.getProperty(property);
        Path path = value != null ? Paths.get(value) : Paths.get("..").resolve(fallback);
        path = path.toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path + " is missing: run mvn -B verify from the project root");
        }
        return path;
    }
}
