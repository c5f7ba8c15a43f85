package dev.ossagent.credentials;

import dev.ossagent.log.AgentLog;
import dev.ossagent.log.ShellWord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Warns, as ssh does for private keys, when a file that supplied a secret can be read by other
 * users. Only a warning: refusing would stop uploads for users who share a machine knowingly.
 */
final class SecretFilePermissions {
    private SecretFilePermissions() {
    }

    static void warnIfReadableByOthers(Path file) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException | IOException | SecurityException e) {
            return; // not a POSIX file system (Windows): nothing to compare against
        }
        boolean group = permissions.contains(PosixFilePermission.GROUP_READ);
        boolean others = permissions.contains(PosixFilePermission.OTHERS_READ);
        if (!group && !others) {
            return;
        }
        String who = others ? "others" : "its group";
        AgentLog.warn(file + " holds a secret and is readable by " + who + " (mode " + octal(permissions)
                + "); run chmod 600 " + ShellWord.of(file));
    }

    static String octal(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            // The enum runs OWNER_READ..OTHERS_EXECUTE, i.e. from bit 8 down to bit 0.
            mode |= 1 << (8 - permission.ordinal());
        }
        return String.format("%04o", mode);
    }
}
