package dev.ossagent.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Runs JVMs that file permissions apply to. Tests run as root, whom mode 000 does not stop; then the
 * JVM is started through setpriv(1) as user nobody. The work folder is opened to everyone and the jars
 * are copied into it, so nobody can run them wherever the build lives.
 */
public final class Unprivileged {
    private static final String NOBODY = "65534";

    private final Path dir;
    private final Path java;
    private final Path agentJar;
    private final Path trainerJar;

    private Unprivileged(Path dir, Path java, Path agentJar, Path trainerJar) {
        this.dir = dir;
        this.java = java;
        this.agentJar = agentJar;
        this.trainerJar = trainerJar;
    }

    public static Unprivileged in(Path dir, Path java) throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
        chmod(dir, "rwxrwxrwx");
        Path jars = Files.createDirectories(dir.resolve("jars"));
        chmod(jars, "rwxr-xr-x");
        Path agent = copy(Artifacts.agentJar(), jars);
        Path trainer = copy(Artifacts.trainerJar(), jars);
        Path launcher = java;
        if (privileged(dir)) {
            Path setpriv = Paths.get("/usr/bin/setpriv");
            assumeTrue(Files.isExecutable(setpriv), "running as root without setpriv(1): cannot drop privileges");
            launcher = dir.resolve("java-as-nobody");
            Files.writeString(launcher, "#!/bin/sh\nexec " + setpriv + " --reuid=" + NOBODY + " --regid=" + NOBODY
                    + " --clear-groups " + java + " \"$@\"\n");
            chmod(launcher, "rwxr-xr-x");
        }
        return new Unprivileged(dir, launcher, agent, trainer);
    }

    /** True when mode 000 does not stop this process from reading (root, or a capability). */
    private static boolean privileged(Path dir) throws IOException {
        Path probe = Files.writeString(dir.resolve("permission-probe"), "x");
        chmod(probe, "---------");
        boolean readable = Files.isReadable(probe);
        Files.delete(probe);
        return readable;
    }

    private static Path copy(Path jar, Path folder) throws IOException {
        Path copy = Files.copy(jar, folder.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        chmod(copy, "rw-r--r--");
        return copy;
    }

    public static void chmod(Path path, String permissions) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }

    /** The demo trainer (one epoch, data in the work folder) under the agent with this argument. */
    public JvmRun demo(String agentArgument) {
        return demoWithoutAgent().jvmArgs("-javaagent:" + agentJar + agentArgument);
    }

    public JvmRun demoWithoutAgent() {
        return new JvmRun(java, dir).launch("-jar", trainerJar.toString()).args("--data-dir", dir.toString(), "--epochs", "1");
    }
}
