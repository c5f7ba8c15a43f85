package dev.ossagent.instrument;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * What the agent jar is, for the weave cache's keys: the SHA-256 of its contents, computed when the jar is
 * built and kept in its manifest ({@value #ATTRIBUTE}), so nothing is hashed at start-up and two builds
 * with the same size and time (reproducible builds with fixed times: Jib, Nix, Bazel) are still told apart.
 * A jar without it (classes run from a folder, as in unit tests) falls back to path, size and time.
 */
final class JarIdentity {
    static final String ATTRIBUTE = "Agent-Content-SHA-256";

    private JarIdentity() {
    }

    /** Null when the agent was not loaded from a file: no cache. */
    static String of(Class<?> agentClass) {
        try {
            URL location = agentClass.getProtectionDomain().getCodeSource().getLocation();
            return of(Paths.get(location.toURI()));
        } catch (Exception e) {
            return null;
        }
    }

    /** The jar's digest from its manifest; a folder or a jar without it: path, size and time. */
    static String of(Path jar) throws java.io.IOException {
        if (Files.isRegularFile(jar)) {
            try (JarFile file = new JarFile(jar.toFile(), false)) {
                Manifest manifest = file.getManifest();
                String digest = manifest == null ? null : manifest.getMainAttributes().getValue(ATTRIBUTE);
                if (digest != null && digest.matches("[0-9a-f]{64}")) {
                    return "sha256:" + digest;
                }
            }
        }
        return jar + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
    }
}
