package dev.ossagent.mltrainers.shapes;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Calls save methods of every shape. Arguments: the case and a folder, for checkpoints also how many,
 * their size and the pause between them in ms.
 * <ul>
 *   <li>{@code library}: {@link ModelStore#save(String)} to store.bin</li>
 *   <li>{@code subclasses}: {@link OverridingTrainer} and {@link InheritingTrainer}, save(Path) and save(File) each</li>
 *   <li>{@code interface}: {@link FileExporter#export(File)} to exported.bin</li>
 *   <li>{@code checkpoints}: {@link CheckpointWriter#checkpoint} to checkpoint.bin, n times</li>
 *   <li>{@code throws}: {@link FailingSaver#save(Path)} to failed.bin; the exception is caught and printed</li>
 * </ul>
 */
public final class ShapesMain {
    private ShapesMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[1]);
        switch (args[0]) {
            case "library":
                new ModelStore().save(dir.resolve("store.bin").toString());
                break;
            case "subclasses":
                new OverridingTrainer().save(dir.resolve("overriding.bin"));
                new OverridingTrainer().save(dir.resolve("overriding-file.bin").toFile());
                new InheritingTrainer().save(dir.resolve("inheriting.bin"));
                new InheritingTrainer().save(dir.resolve("inheriting-file.bin").toFile());
                break;
            case "interface":
                Exporter exporter = new FileExporter();
                exporter.export(dir.resolve("exported.bin").toFile());
                break;
            case "checkpoints":
                checkpoints(dir.resolve("checkpoint.bin"), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                        Long.parseLong(args[4]));
                break;
            case "throws":
                try {
                    new FailingSaver().save(dir.resolve("failed.bin"));
                } catch (IOException e) {
                    System.out.println("save failed: " + e.getMessage());
                }
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
        System.out.println("done " + args[0]);
    }

    /** Prints the heap in use after a GC at the first tenth and at the end, and when the last save returned. */
    private static void checkpoints(Path path, int count, int size, long pauseMillis) throws Exception {
        CheckpointWriter writer = new CheckpointWriter(size);
        for (int step = 1; step <= count; step++) {
            writer.checkpoint(path, step);
            if (step == Math.max(1, count / 10)) {
                System.out.println("heap after " + step + " saves: " + heapAfterGc());
            }
            Thread.sleep(pauseMillis);
        }
        System.out.println("heap after " + count + " saves: " + heapAfterGc());
        System.out.println("last save returned at " + System.currentTimeMillis());
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
