package dev.ossagent.instrument;

import dev.ossagent.journal.OwnerCheck;
import dev.ossagent.journal.PrivateFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The weave cache's key: 32 random bytes in {@code <state dir>/weave.key}, 0600, made on first use. Every
 * entry carries an HMAC-SHA256 under it, so a class file this agent did not write is a miss even when it
 * sits in the right place (another user who swapped the folder cannot read the key, nor make a file
 * owned by this user).
 */
final class CacheSecret {
    static final String FILE = "weave.key";
    private static final int LENGTH = 32;

    private final byte[] key;

    private CacheSecret(byte[] key) {
        this.key = key;
    }

    /** The key in this (checked, real) state dir, made if missing; null when it is not trustworthy. */
    static CacheSecret in(Path stateDir, OwnerCheck owners) {
        Path file = stateDir.resolve(FILE);
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                create(file);
            }
            if (owners.problem(file) != null || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    || readableByOthers(file) || Files.size(file) != LENGTH) {
                return null;
            }
            byte[] key = new byte[LENGTH];
            ByteBuffer buffer = ByteBuffer.wrap(key);
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                while (buffer.hasRemaining() && in.read(buffer) >= 0) {
                    // reads the 32 bytes
                }
            }
            return buffer.hasRemaining() ? null : new CacheSecret(key);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Written whole under a temporary name, then linked into place: a JVM starting at the same moment sees
     * either no key or all 32 bytes, and the first link wins.
     */
    private static void create(Path file) throws IOException {
        byte[] fresh = new byte[LENGTH];
        new SecureRandom().nextBytes(fresh);
        Path tmp = file.resolveSibling(FILE + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            try (FileChannel out = PrivateFiles.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                out.write(ByteBuffer.wrap(fresh));
            }
            Files.createLink(file, tmp);
        } catch (FileAlreadyExistsException e) {
            // another JVM made it first: theirs is read
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean readableByOthers(Path file) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            return permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ);
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    /** HMAC-SHA256 of the entry's name and bytes. */
    byte[] mac(String entryName, byte[] bytes, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(entryName.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(bytes, 0, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static int macLength() {
        return LENGTH;
    }
}
