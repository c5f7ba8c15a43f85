package dev.ossagent.mltrainers.shapes;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * For an agent attached while the JVM runs: saves once through a base class's subclasses and an interface's
 * implementation (so all of them are loaded), writes its pid to {@code ready}, waits for a file {@code go}
 * (bounded: 120 s), then saves again to other files. Arguments: a folder.
 */
public final class LateAttachMain {
    private LateAttachMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        saveAll(dir, "before-");
        Path ready = dir.resolve("ready");
        Files.write(dir.resolve("ready.tmp"), Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8));
        Files.move(dir.resolve("ready.tmp"), ready);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!Files.exists(dir.resolve("go"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no go file within 120 s");
            }
            Thread.sleep(20);
        }
        saveAll(dir, "after-");
        System.out.println("done");
    }

    private static void saveAll(Path dir, String prefix) throws Exception {
        new OverridingTrainer().save(dir.resolve(prefix + "overriding.bin"));
        new InheritingTrainer().save(dir.resolve(prefix + "inheriting.bin"));
        Exporter exporter = new FileExporter();
        exporter.export(dir.resolve(prefix + "exported.bin").toFile());
    }
}
