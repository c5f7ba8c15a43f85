package dev.ossagent.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;

/**
 * The ssh rule for the state dir and what is in it: trusted only when owned by the user running this process
 * and writable by nobody else. Otherwise another user could plant a journal naming any file the user may read,
 * to be uploaded with the user's key.
 */
public final class OwnerCheck {
    private static volatile UserPrincipal currentUser;

    private final UserPrincipal me;

    OwnerCheck(UserPrincipal me) {
        this.me = me;
    }

    /**
     * For this process's user; when it cannot be learnt (no writable temporary folder), only the rule that
     * nobody else may write is applied.
     */
    public static OwnerCheck forThisUser() {
        try {
            return new OwnerCheck(currentUser());
        } catch (IOException | RuntimeException e) {
            return new OwnerCheck(null);
        }
    }

    /** Null when {@code path} may be trusted; otherwise why not. Not a POSIX file system: nothing to check. */
    public String problem(Path path) throws IOException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            return null;
        }
        if (attributes.isSymbolicLink()) {
            return "is a symbolic link";
        }
        if (me != null && !attributes.owner().equals(me)) {
            return "is owned by " + attributes.owner().getName() + ", not by you (" + me.getName() + ")";
        }
        if (attributes.permissions().contains(PosixFilePermission.GROUP_WRITE)
                || attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE)) {
            return "is writable by other users (" + PosixFilePermissions.toString(attributes.permissions()) + ")";
        }
        return null;
    }

    /**
     * ssh's StrictModes for the folders above a state dir (or a download folder): each one, up to {@code /},
     * owned by the user or by root and writable by nobody else, unless it is root's and sticky, like
     * {@code /tmp}. Otherwise another user could rename the checked folder away and put their own in its
     * place. Null when they pass; otherwise which folder and why.
     *
     * @param real a real path (no symbolic links in it), as {@link Path#toRealPath} gives
     */
    public String parentsProblem(Path real) throws IOException {
        for (Path folder = real.toAbsolutePath().getParent(); folder != null; folder = folder.getParent()) {
            String wrong = folderProblem(folder);
            if (wrong != null) {
                return folder + " " + wrong;
            }
        }
        return null;
    }

    /** The StrictModes rule for one folder (above a state dir, or a download folder): null when it passes. */
    public String folderProblem(Path folder) throws IOException {
        int uid;
        int mode;
        try {
            uid = (Integer) Files.getAttribute(folder, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            mode = (Integer) Files.getAttribute(folder, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return null; // not a Unix file system: nothing to check
        }
        boolean root = uid == 0;
        UserPrincipal owner = Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS);
        if (!root && me != null && !owner.equals(me)) {
            return "is owned by " + owner.getName() + ", neither by you (" + me.getName() + ") nor by root";
        }
        boolean othersWrite = (mode & 0022) != 0;
        boolean sticky = (mode & 01000) != 0;
        if (othersWrite && !(sticky && root)) {
            return "is writable by other users (" + String.format(java.util.Locale.ROOT, "%04o", mode & 07777)
                    + (sticky ? ", sticky but not root's" : ", not sticky") + ")";
        }
        return null;
    }

    /** The owner of a file this process creates: right in a container whose uid has no name, too. */
    private static UserPrincipal currentUser() throws IOException {
        UserPrincipal user = currentUser;
        if (user == null) {
            Path probe = Files.createTempFile("oss-agent-owner", ".probe");
            try {
                user = Files.getOwner(probe);
            } catch (UnsupportedOperationException e) {
                user = null;
            } finally {
                Files.deleteIfExists(probe);
            }
            currentUser = user;
        }
        return user;
    }
}
