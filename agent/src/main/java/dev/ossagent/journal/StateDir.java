package dev.ossagent.journal;

import dev.ossagent.config.SettingNames;
import dev.ossagent.log.ShellWord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The agent's state folder ({@code ossagent.state.dir}: the journal and the multipart checkpoints), used
 * only when it is the user's alone, as ssh treats {@code ~/.ssh}: owned by the user and writable by nobody
 * else, and so are its {@code journal/} and {@code multipart/} folders; and, as ssh's StrictModes asks,
 * every folder above it is the user's or root's and writable only by its owner, unless root's and sticky
 * ({@code /tmp}): otherwise another user could rename it away and put a folder of theirs in its place. Missing folders are created 0700.
 * A state dir that is not usable (another user's, open to others, not writable, or no home to put it in)
 * does not stop uploads: they run without a journal, and a crash could not be resumed.
 */
public final class StateDir {
    private final Path path;
    private final OwnerCheck owners;
    private String problem;
    private boolean checked;
    /** The state dir's real path, as checked; null until then. */
    private Path real;

    private StateDir(Path path, OwnerCheck owners) {
        this.path = path;
        this.owners = owners;
    }

    /** @param path null when there is none (no {@code user.home} to put the default in) */
    public static StateDir at(Path path) {
        return new StateDir(path, null);
    }

    /** For tests: trusts what {@code owners} trusts instead of what this process's user owns. */
    static StateDir at(Path path, OwnerCheck owners) {
        return new StateDir(path, owners);
    }

    /** The configured folder, or null when there is none. */
    public Path path() {
        return path;
    }

    /** Whether a journal and checkpoints can be kept here; creates the folders when missing. */
    public boolean usable() {
        return problem() == null;
    }

    /**
     * Null when usable; otherwise one line saying why it is not used and what to run. Checked (and the
     * folders created) once.
     */
    public synchronized String problem() {
        if (!checked) {
            problem = check();
            checked = true;
        }
        return problem;
    }

    /** The journal, or null when the state dir is not usable. */
    public Journal journal() {
        return usable() ? new Journal(path, owners()) : null;
    }

    /** Where multipart checkpoints go, or null when they can only be kept in memory. */
    public Path checkpoints() {
        return usable() ? path.resolve("multipart") : null;
    }

    /**
     * The real path that passed the checks, or null when not usable: a file opened later must still be under
     * it (a folder swapped since is noticed).
     */
    public Path checkedRealPath() {
        return usable() ? real : null;
    }

    /** Where woven class files are kept between runs, or null when the state dir is not usable. */
    public Path weaveCache() {
        return usable() ? path.resolve("weave") : null;
    }

    private String check() {
        if (path == null) {
            return "there is no state dir: user.home is unknown (a container without a home?); set "
                    + SettingNames.STATE_DIR + " to a folder of yours";
        }
        try {
            OwnerCheck check = owners();
            for (Path dir : new Path[] {path, path.resolve("journal"), path.resolve("multipart"), path.resolve("weave")}) {
                if (!Files.exists(dir)) {
                    PrivateFiles.createDirectories(dir);
                }
                Path real = dir.toRealPath();
                String wrong = check.problem(real);
                if (wrong != null) {
                    return "the state dir " + dir + " is not used: it " + wrong + ", so another user could plant"
                            + " files in it for this agent to upload. Run: " + fix(wrong, dir) + " (or set "
                            + SettingNames.STATE_DIR + " to a folder of yours)";
                }
                if (!Files.isDirectory(real) || !Files.isWritable(real)) {
                    return "the state dir " + dir + " is not used: it is not a writable folder; set "
                            + SettingNames.STATE_DIR + " to one";
                }
            }
            real = path.toRealPath();
            String parents = check.parentsProblem(real);
            if (parents != null) {
                return "the state dir " + path + " is not used: the folder " + parents + ", so another user could"
                        + " swap the state dir for a folder of theirs (ssh's StrictModes rule: every folder above it"
                        + " must be yours or root's and writable only by its owner, unless root's and sticky like"
                        + " /tmp); set " + SettingNames.STATE_DIR + " to a folder of yours";
            }
            return null;
        } catch (NoSuchFileException e) {
            return "the state dir " + path + " cannot be created (" + e.getFile() + " is missing); set "
                    + SettingNames.STATE_DIR + " to a writable folder";
        } catch (IOException | RuntimeException e) {
            return "the state dir " + path + " cannot be created or checked (" + e + "); set "
                    + SettingNames.STATE_DIR + " to a writable folder";
        }
    }

    private static String fix(String wrong, Path dir) {
        if (wrong.startsWith("is owned by")) {
            return "chown -R \"$(id -u)\" " + ShellWord.of(dir) + " && chmod -R go-w " + ShellWord.of(dir);
        }
        if (wrong.startsWith("is a symbolic link")) {
            return "rm " + ShellWord.of(dir);
        }
        return "chmod -R go-w " + ShellWord.of(dir);
    }

    private OwnerCheck owners() {
        return owners != null ? owners : OwnerCheck.forThisUser();
    }
}
