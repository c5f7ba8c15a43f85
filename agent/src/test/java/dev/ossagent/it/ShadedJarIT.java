package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.Remapper;

/**
 * What the shaded jar holds: only the agent's own package root and META-INF, no signature, no
 * module descriptor, service files under relocated names, and no class that refers to a
 * third-party package outside the agent's root (a relocation that was missed).
 */
class ShadedJarIT {
    private static final String ROOT = "dev/ossagent/";
    /** Packages every JVM has: referring to them is fine. */
    private static final List<String> PLATFORM = List.of("java/", "javax/", "jdk/", "sun/", "com/sun/",
            "org/w3c/", "org/xml/", "org/ietf/");

    /** The weave cache tells agent jars apart by this digest (instrument.JarIdentity), not by size and time. */
    @Test
    void theManifestCarriesTheJarsContentDigest() throws IOException {
        try (JarFile jar = new JarFile(Artifacts.agentJar().toFile())) {
            String digest = jar.getManifest().getMainAttributes().getValue("Agent-Content-SHA-256");
            assertNotNull(digest, "Agent-Content-SHA-256 in the manifest");
            assertTrue(digest.matches("[0-9a-f]{64}"), digest);
        }
    }

    @Test
    void everyEntryIsUnderTheAgentRootOrMetaInf() throws IOException {
        List<String> outside = new ArrayList<>();
        try (JarFile jar = new JarFile(Artifacts.agentJar().toFile())) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (!name.startsWith(ROOT) && !name.startsWith("META-INF/") && !name.equals("dev/")) {
                    outside.add(name);
                }
            }
        }
        assertEquals(List.of(), outside, "entries outside " + ROOT + " and META-INF/");
    }

    @Test
    void noSignatureNoModuleDescriptorNoVersionedClasses() throws IOException {
        List<String> bad = new ArrayList<>();
        try (JarFile jar = new JarFile(Artifacts.agentJar().toFile())) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                String upper = name.toUpperCase(java.util.Locale.ROOT);
                boolean signature = upper.startsWith("META-INF/") && !upper.substring(9).contains("/")
                        && (upper.endsWith(".SF") || upper.endsWith(".DSA") || upper.endsWith(".RSA")
                        || upper.endsWith(".EC") || upper.startsWith("META-INF/SIG-"));
                if (signature || name.endsWith("module-info.class") || name.startsWith("META-INF/versions/")) {
                    bad.add(name);
                }
            }
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals("dev.ossagent.OssAgent", main.getValue("Premain-Class"));
            assertEquals(null, main.getValue("Class-Path"), "the agent jar must not pull anything else in");
            assertEquals(null, main.getValue("Multi-Release"));
            assertEquals(null, main.getValue("Boot-Class-Path"));
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void serviceFilesNameAndListRelocatedClassesThatExist() throws IOException {
        try (JarFile jar = new JarFile(Artifacts.agentJar().toFile())) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (!entry.getName().startsWith("META-INF/services/") || entry.isDirectory()) {
                    continue;
                }
                String service = entry.getName().substring("META-INF/services/".length());
                assertTrue(service.startsWith("dev.ossagent."), entry.getName());
                String text;
                try (InputStream in = jar.getInputStream(entry)) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                for (String line : text.split("\n")) {
                    String provider = line.replaceAll("#.*", "").trim();
                    if (!provider.isEmpty()) {
                        assertTrue(provider.startsWith("dev.ossagent."), entry.getName() + ": " + provider);
                        assertNotNull(jar.getEntry(provider.replace('.', '/') + ".class"), entry.getName() + ": " + provider);
                    }
                }
            }
        }
    }

    @Test
    void noClassRefersToAThirdPartyPackageOutsideTheAgentRoot() throws IOException {
        Set<String> foreign = new TreeSet<>();
        try (JarFile jar = new JarFile(Artifacts.agentJar().toFile())) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (!entry.getName().endsWith(".class")) {
                    continue;
                }
                String owner = entry.getName();
                try (InputStream in = jar.getInputStream(entry)) {
                    new ClassReader(in).accept(new ClassRemapper(new Sink(), new Remapper() {
                        @Override
                        public String map(String internalName) {
                            if (!internalName.startsWith(ROOT) && PLATFORM.stream().noneMatch(internalName::startsWith)
                                    && internalName.contains("/")) {
                                foreign.add(internalName + " (in " + owner + ")");
                            }
                            return internalName;
                        }
                    }), ClassReader.SKIP_FRAMES);
                }
            }
        }
        assertEquals(Set.of(), foreign);
    }

    /** Visits everything and keeps nothing, so the remapper above sees every type a class names. */
    private static final class Sink extends ClassVisitor {
        Sink() {
            super(Opcodes.ASM9);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            return new MethodVisitor(Opcodes.ASM9) {
            };
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            return new FieldVisitor(Opcodes.ASM9) {
            };
        }
    }

    /** The SDK finds its relocated resources: messages, MIME types and its version. */
    @Test
    void theRelocatedSdkFindsItsOwnResources() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {Artifacts.agentJar().toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            String sdk = "dev.ossagent.shaded.com.aliyun.oss.";
            Object messages = loader.loadClass(sdk + "common.utils.ResourceManager")
                    .getMethod("getInstance", String.class).invoke(null, "common");
            Method format = messages.getClass().getMethod("getFormattedString", String.class, Object[].class);
            assertEquals("Connection error due to: reset", format.invoke(messages, "ConnectionError", new Object[] {"reset"}));
            Object oss = loader.loadClass(sdk + "common.utils.ResourceManager")
                    .getMethod("getInstance", String.class).invoke(null, "oss");
            assertTrue(((String) oss.getClass().getMethod("getString", String.class).invoke(oss, "BucketNameInvalid"))
                    .startsWith("The bucket name"));
            Object mimetypes = loader.loadClass(sdk + "internal.Mimetypes").getMethod("getInstance").invoke(null);
            assertEquals("application/json", mimetypes.getClass().getMethod("getMimetype", String.class)
                    .invoke(mimetypes, "training_episodes.json"));
            String version = (String) loader.loadClass(sdk + "common.utils.VersionInfoUtils")
                    .getMethod("getVersion").invoke(null);
            assertTrue(version.matches("\\d+\\.\\d+\\.\\d+"), version);
        }
    }
}
