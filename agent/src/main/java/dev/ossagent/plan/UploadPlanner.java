package dev.ossagent.plan;

import dev.ossagent.config.Placeholders;
import dev.ossagent.config.Settings;
import dev.ossagent.log.AgentLog;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a returned model path into an upload plan: {@code ossagent.model.files} and
 * {@code ossagent.data.files} with {@code ${model}}, {@code ${modelDir}} and the run's placeholders expanded, relative
 * entries resolved against the working directory, folders walked recursively (following links that stay inside
 * the folder). Nothing is opened here: pipes and devices are skipped with a note, never read. What is never
 * uploaded ({@link NeverUploaded}, links out of a folder) is skipped with one note per file.
 */
public final class UploadPlanner {
    /** Notes about skipped entries of one folder beyond this many are summed up in one line. */
    public static final int NOTES_PER_FOLDER = 5;

    private final Settings settings;
    private final Path workingDir;
    private final NeverUploaded never;

    public UploadPlanner(Settings settings) {
        this(settings, Paths.get("").toAbsolutePath());
    }

    public UploadPlanner(Settings settings, Path workingDir) {
        this.settings = settings;
        this.workingDir = workingDir;
        this.never = new NeverUploaded(settings);
    }

    public UploadPlan plan(Path modelPath, String trainer) {
        Path model = workingDir.resolve(modelPath).normalize();
        ObjectKeys byObject = new ObjectKeys();
        List<String> missing = new ArrayList<>();
        List<String> listedMissing = new ArrayList<>();
        add(settings.modelFiles(), model, settings.modelBucket(), settings.modelPrefix(), byObject, missing, listedMissing);
        add(settings.dataFiles(), model, settings.dataBucket(), settings.dataPrefix(), byObject, missing, listedMissing);
        return new UploadPlan(model, trainer, byObject.files(), missing, gaps(listedMissing, byObject));
    }

    /**
     * The command line's upload: files or folders given by the user, each to its bucket and prefix,
     * keyed exactly as the agent keys them (a file: prefix + name; a folder: prefix + folder/relative path).
     */
    public UploadPlan planFiles(List<String> modelEntries, List<String> dataEntries) {
        ObjectKeys byObject = new ObjectKeys();
        List<String> missing = new ArrayList<>();
        List<String> listedMissing = new ArrayList<>();
        add(modelEntries, workingDir, settings.modelBucket(), settings.modelPrefix(), byObject, missing, listedMissing);
        add(dataEntries, workingDir, settings.dataBucket(), settings.dataPrefix(), byObject, missing, listedMissing);
        return new UploadPlan(workingDir, "command line", byObject.files(), missing, gaps(listedMissing, byObject));
    }

    private void add(List<String> entries, Path model, String bucket, String prefix,
                     ObjectKeys byObject, List<String> missing, List<String> listedMissing) {
        Path modelDir = model.getParent() == null ? model : model.getParent();
        for (String entry : entries) {
            String expanded = Placeholders.expand(entry, name -> name.equals(Placeholders.MODEL) ? model.toString()
                    : name.equals(Placeholders.MODEL_DIR) ? modelDir.toString() : settings.run().value(name));
            Path path = workingDir.resolve(expanded).normalize();
            if (Files.isDirectory(path)) {
                addFolder(path, bucket, prefix, byObject, missing);
            } else if (Files.isRegularFile(path)) {
                String never = this.never.listed(path);
                if (never != null) {
                    AgentLog.warn("not uploading " + path + " (from \"" + entry + "\"): " + never
                            + "; it is never uploaded");
                    continue;
                }
                byObject.put(new PlannedFile(path, bucket, prefix + path.getFileName(), size(path)));
            } else {
                missing.add(path.toString());
                listedMissing.add(path + " (from \"" + entry + "\"): " + FileKind.of(path));
                AgentLog.warn("skipping " + path + " (from \"" + entry + "\"): " + FileKind.of(path)
                        + "; the other files still go");
            }
        }
    }

    /** A folder keeps its name and its files' relative paths: prefix + folder/sub/file. */
    private void addFolder(Path folder, String bucket, String prefix, ObjectKeys byObject,
                           List<String> missing) {
        Path base = folder.getParent() == null ? folder : folder.getParent();
        FolderWalk walk = new FolderWalk(folder, never);
        try {
            Files.walkFileTree(folder, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, walk);
        } catch (IOException | RuntimeException e) {
            missing.add(folder.toString());
            AgentLog.warn("could not list folder " + folder + " (" + e.getClass().getSimpleName() + "); its files are"
                    + " not uploaded");
            return;
        }
        for (Map.Entry<Path, Long> file : walk.files.entrySet()) {
            String relative = base.relativize(file.getKey()).toString().replace('\\', '/');
            byObject.put(new PlannedFile(file.getKey(), bucket, prefix + relative, file.getValue()));
        }
        for (Map.Entry<Path, String> excluded : walk.excluded.entrySet()) {
            AgentLog.warn("not uploading " + excluded.getKey() + ": " + excluded.getValue());
        }
        int noted = 0;
        for (Map.Entry<Path, String> skipped : walk.skipped.entrySet()) {
            if (noted++ < NOTES_PER_FOLDER) {
                AgentLog.warn("skipping " + skipped.getKey() + ": " + skipped.getValue());
            }
            missing.add(skipped.getKey().toString());
        }
        if (walk.skipped.size() > NOTES_PER_FOLDER) {
            AgentLog.warn("skipping " + (walk.skipped.size() - NOTES_PER_FOLDER) + " more entries in " + folder
                    + " that are not regular files or cannot be read");
        }
    }

    /**
     * Collects a folder's regular files (sorted, with sizes), what it had to skip (not files, unreadable), and
     * what it leaves out on purpose: credentials and anything reached through a link leading out of the folder.
     * Only links cost a {@code realpath}: a plain entry below a folder inside is inside.
     */
    private static final class FolderWalk extends SimpleFileVisitor<Path> {
        final Map<Path, Long> files = new TreeMap<>();
        final Map<Path, String> skipped = new TreeMap<>();
        final Map<Path, String> excluded = new TreeMap<>();
        private final Path root;
        private final Path realRoot;
        private final NeverUploaded never;

        FolderWalk(Path root, NeverUploaded never) {
            this.root = root;
            Path real = NeverUploaded.realPath(root);
            this.realRoot = real == null ? root : real;
            this.never = never;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            return !dir.equals(root) && leavesTheFolder(dir, realOfLink(dir))
                    ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            Path real = realOfLink(file);
            if (leavesTheFolder(file, real)) {
                return FileVisitResult.CONTINUE;
            }
            if (attributes.isRegularFile()) {
                String reason = never.found(file, real);
                if (reason != null) {
                    excluded.put(file, reason + "; it is never uploaded from a folder");
                } else {
                    files.put(file, attributes.size());
                }
            } else if (!attributes.isDirectory()) {
                skipped.put(file, FileKind.of(file));
            }
            return FileVisitResult.CONTINUE;
        }

        /** True (and noted) when {@code path} is a link whose target lies outside the walked folder. */
        private boolean leavesTheFolder(Path path, Path real) {
            if (real == null || real.startsWith(realRoot)) {
                return false;
            }
            excluded.put(path, "a symbolic link to " + real + ", outside " + root
                    + "; a folder walk never leaves the folder");
            return true;
        }

        /** The real path of a symbolic link (null for anything else, and for a link to nothing). */
        private static Path realOfLink(Path path) {
            return Files.isSymbolicLink(path) ? NeverUploaded.realPath(path) : null;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            skipped.put(file, (e instanceof FileSystemLoopException
                    ? "a symbolic link to a folder that contains it (a loop)"
                    : "cannot be read (" + e.getClass().getSimpleName() + ")"));
            return FileVisitResult.CONTINUE;
        }
    }

    /** What the plan named but cannot upload: listed files that are missing, files that clash on one object. */
    private static List<String> gaps(List<String> listedMissing, ObjectKeys byObject) {
        List<String> gaps = new ArrayList<>(listedMissing);
        gaps.addAll(byObject.clashes());
        return gaps;
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return -1;
        }
    }
}
