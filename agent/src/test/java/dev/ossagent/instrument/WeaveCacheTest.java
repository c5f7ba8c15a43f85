package dev.ossagent.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.config.RawSettings;
import dev.ossagent.config.Targets;
import dev.ossagent.instrument.fixture.SampleTrainer;
import dev.ossagent.log.LogCapture;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeaveCacheTest {
    private static final String TRAINER = SampleTrainer.class.getName();

    @TempDir
    Path dir;

    private static byte[] trainerBytes() throws Exception {
        try (InputStream in = SampleTrainer.class.getResourceAsStream("SampleTrainer.class")) {
            return in.readAllBytes();
        }
    }

    private RawSettings settings(String... pairs) {
        Properties system = new Properties();
        system.setProperty("ossagent.state.dir", dir.resolve("state").toString());
        for (int i = 0; i < pairs.length; i += 2) {
            system.setProperty(pairs[i], pairs[i + 1]);
        }
        return RawSettings.withoutFile(Map.of(), system);
    }

    private static TrainTransformer transformer(RawSettings settings, String method) {
        return new TrainTransformer(Targets.of(List.of(TRAINER), List.of(method)), WeaveCache.of(settings));
    }

    private static byte[] load(TrainTransformer transformer, byte[] classFile) {
        return transformer.transform(WeaveCacheTest.class.getClassLoader(), TRAINER.replace('.', '/'), null, null,
                classFile);
    }

    private List<Path> entries() throws Exception {
        Path weave = dir.resolve("state").resolve("weave");
        if (!Files.isDirectory(weave)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(weave)) {
            return files.collect(Collectors.toList());
        }
    }

    @Test
    void aLaterRunGetsTheSameClassFileFromTheCacheAndSaysSo() throws Exception {
        byte[] first;
        try (LogCapture log = new LogCapture()) {
            first = load(transformer(settings(), "train"), trainerBytes());
            assertNotNull(first);
            assertTrue(log.text().contains("instrumented " + TRAINER + "#train ("), log.text());
            assertFalse(log.text().contains("earlier run"), log.text());
        }
        assertEquals(1, entries().size());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(entries().get(0))));
        TrainTransformer later = transformer(settings(), "train");
        assertTrue(later.wovenBefore(TRAINER));
        try (LogCapture log = new LogCapture()) {
            assertArrayEquals(first, load(later, trainerBytes()));
            assertTrue(log.text().contains("not watched"), log.text()); // the notes of the weave, said again
            assertTrue(log.text().contains("instrumented " + TRAINER + "#train (8 methods), as woven by an earlier run"),
                    log.text());
        }
    }

    @Test
    void anotherClassFileOrOtherRulesAreWovenAfresh() throws Exception {
        WeaveCache cache = WeaveCache.of(settings());
        byte[] classFile = trainerBytes();
        TrainTransformer transformer = new TrainTransformer(Targets.of(List.of(TRAINER), List.of("train")), cache);
        assertNotNull(load(transformer, classFile));
        List<dev.ossagent.config.TargetRule> rules = Targets.of(List.of(TRAINER), List.of("train")).rules();
        assertNotNull(cache.find(TRAINER, classFile, rules, true));
        byte[] changed = classFile.clone();
        changed[changed.length - 1] ^= 1;
        assertNull(cache.find(TRAINER, changed, rules, true));
        assertNull(cache.find(TRAINER, classFile, Targets.of(List.of(TRAINER), List.of("train", "fit")).rules(), true));
        assertFalse(transformer(settings(), "fit").wovenBefore(TRAINER));
    }

    @Test
    void aDamagedEntryIsWovenAfreshAndReplaced() throws Exception {
        byte[] first = load(transformer(settings(), "train"), trainerBytes());
        Path entry = entries().get(0);
        byte[] stored = Files.readAllBytes(entry);
        Files.write(entry, java.util.Arrays.copyOf(stored, stored.length / 2));
        try (LogCapture log = new LogCapture()) {
            assertArrayEquals(first, load(transformer(settings(), "train"), trainerBytes()));
            assertTrue(log.text().contains("instrumented " + TRAINER + "#train ("), log.text());
            assertFalse(log.text().contains("earlier run"), log.text());
        }
        assertArrayEquals(stored, Files.readAllBytes(entry));
    }

    @Test
    void offBySettingOrInAStateDirOthersMayWriteNothingIsKept() throws Exception {
        assertNotNull(load(transformer(settings("ossagent.weave-cache", "false"), "train"), trainerBytes()));
        assertEquals(List.of(), entries());

        Path state = Files.createDirectories(dir.resolve("state"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertNotNull(load(transformer(settings(), "train"), trainerBytes()));
        assertEquals(List.of(), entries());
        assertFalse(transformer(settings(), "train").wovenBefore(TRAINER));
    }

    private RawSettings settingsAt(Path stateDir) {
        Properties system = new Properties();
        system.setProperty("ossagent.state.dir", stateDir.toString());
        return RawSettings.withoutFile(Map.of(), system);
    }

    @Test
    void anEntryThisAgentDidNotWriteIsAMissEvenInTheRightPlace() throws Exception {
        List<dev.ossagent.config.TargetRule> rules = Targets.of(List.of(TRAINER), List.of("train")).rules();
        byte[] classFile = trainerBytes();
        WeaveCache first = WeaveCache.of(settings());
        assertNotNull(load(new TrainTransformer(Targets.of(List.of(TRAINER), List.of("train")), first), classFile));
        Path entry = entries().get(0);
        assertTrue(Files.isRegularFile(dir.resolve("state").resolve("weave.key")));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("state").resolve("weave.key"))));

        // The same bytes under the same name in another state dir (another key): not this agent's entry.
        Path other = dir.resolve("other");
        WeaveCache second = WeaveCache.of(settingsAt(other));
        assertNull(second.find(TRAINER, classFile, rules, true)); // creates the folder and its key
        Files.copy(entry, other.resolve("weave").resolve(entry.getFileName()));
        assertNull(second.find(TRAINER, classFile, rules, true));
        assertNotNull(first.find(TRAINER, classFile, rules, true));
    }

    @Test
    void aStateDirSwappedAfterTheCheckIsAMiss() throws Exception {
        List<dev.ossagent.config.TargetRule> rules = Targets.of(List.of(TRAINER), List.of("train")).rules();
        byte[] classFile = trainerBytes();
        WeaveCache cache = WeaveCache.of(settings());
        assertNotNull(load(new TrainTransformer(Targets.of(List.of(TRAINER), List.of("train")), cache), classFile));
        assertNotNull(cache.find(TRAINER, classFile, rules, true));

        // Renamed away, and a copy put in its place (bytes, key and all): no longer the folder that was checked.
        Path state = dir.resolve("state");
        Files.move(state, dir.resolve("state.old"));
        Files.createDirectories(state.resolve("weave"));
        Files.copy(dir.resolve("state.old/weave.key"), state.resolve("weave.key"));
        try (Stream<Path> files = Files.list(dir.resolve("state.old/weave"))) {
            for (Path file : files.collect(Collectors.toList())) {
                Files.copy(file, state.resolve("weave").resolve(file.getFileName()));
            }
        }
        assertNull(cache.find(TRAINER, classFile, rules, true));
    }

    @Test
    void aStateDirInAFolderOthersMayWriteKeepsNoCache() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("team-scratch"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path state = shared.resolve("state");
        assertNotNull(load(new TrainTransformer(Targets.of(List.of(TRAINER), List.of("train")),
                WeaveCache.of(settingsAt(state))), trainerBytes()));
        try (Stream<Path> files = Files.exists(state.resolve("weave")) ? Files.list(state.resolve("weave")) : Stream.empty()) {
            assertEquals(0, files.count());
        }
        assertFalse(Files.exists(state.resolve("weave.key")));
    }
}
