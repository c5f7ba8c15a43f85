package dev.ossagent.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Jars the tests write: a copy of the agent jar with parts missing, another vendor's agent. */
public final class AgentJars {
    private AgentJars() {
    }

    /** The agent jar without the entries under the given folder (e.g. the relocated SDK). */
    public static Path agentWithout(Path dir, String folderPrefix) throws IOException {
        Path copy = dir.resolve("oss-agent-without-" + folderPrefix.replace('/', '_') + "jar");
        try (JarFile jar = new JarFile(Artifacts.agentJar().toFile());
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(copy), withoutDigest(jar.getManifest()))) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().startsWith(folderPrefix) || entry.getName().equals(JarFile.MANIFEST_NAME)) {
                    continue;
                }
                out.putNextEntry(new JarEntry(entry.getName()));
                try (InputStream in = jar.getInputStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return copy;
    }

    /**
     * Another jar is another build: without the build's content digest (a build puts in its own), so the weave cache
     * does not take it for the agent jar it was cut from.
     */
    private static Manifest withoutDigest(Manifest manifest) {
        Manifest copy = new Manifest(manifest);
        copy.getMainAttributes().remove(new java.util.jar.Attributes.Name("Agent-Content-SHA-256"));
        return copy;
    }

    /** A jar with the manifest and the given classes from the test classes folder. */
    public static Path jar(Path target, Manifest manifest, Class<?>... classes) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), manifest)) {
            for (Class<?> type : classes) {
                String name = type.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(name));
                Files.copy(CompatLibs.testClasses().resolve(name), out);
                out.closeEntry();
            }
        }
        return target;
    }
}
