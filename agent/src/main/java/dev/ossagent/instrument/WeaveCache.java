package dev.ossagent.instrument;

import dev.ossagent.config.RawSettings;
import dev.ossagent.config.Settings;
import dev.ossagent.config.SettingsException;
import dev.ossagent.config.TargetRule;
import dev.ossagent.integrity.FileDigest;
import dev.ossagent.journal.OwnerCheck;
import dev.ossagent.journal.PrivateFiles;
import dev.ossagent.journal.StateDir;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Woven class files kept in the state dir between runs: a trainer started again with the same class, the
 * same targets and the same agent jar gets the class Byte Buddy wove last time, and its JVM loads no Byte
 * Buddy class at all (the first weave in a JVM costs some 0.4 s of CPU, nearly all of it loading Byte Buddy).
 *
 * <p>An entry is found by the agent jar (the digest of its contents, {@link JarIdentity}), the class name and the rules that watch it,
 * and holds the SHA-256 of the class file it was woven from: any other class file is woven afresh and replaces
 * it. Entries are class files the trainer's JVM will run, so they live only in a state dir that passed
 * {@link StateDir}'s checks (the user's own, writable by nobody else, and so is every folder above it), are
 * opened under the real path that was checked ({@link EntryFile}: a folder swapped since is a miss), carry an
 * HMAC under the state dir's own key ({@link CacheSecret}: bytes this agent did not write are a miss), are
 * written 0600 under a temporary name and moved into place, and anything unreadable in them is a miss. {@code ossagent.weave-cache=false} turns it
 * off.
 */
public final class WeaveCache {
    private static final String FORMAT = "oss-agent-weave/2";
    /** A woven class file is at most 64 MiB; the rest of an entry is small. */
    private static final int MAX_ENTRY_BYTES = 65 * 1024 * 1024;
    /** Entries kept; beyond that the oldest go when one is stored (a new jar or class each time). */
    private static final int MAX_ENTRIES = 256;

    /** Null: no cache. */
    private final RawSettings settings;
    /** Set on first use: premain pays nothing for the cache. */
    private String agentJar;
    private Path dir;
    private CacheSecret secret;
    private Object folderKey;
    private boolean checked;

    private WeaveCache(RawSettings settings) {
        this.settings = settings;
    }

    /** The cache in the state dir these settings name, unless {@code ossagent.weave-cache=false}. */
    public static WeaveCache of(RawSettings settings) {
        return new WeaveCache(settings);
    }

    /** No cache: nothing found, nothing kept. */
    static WeaveCache none() {
        return new WeaveCache(null);
    }

    /** Whether an entry exists for the class under these rules (not whether it fits its class file). */
    boolean has(String className, List<TargetRule> rules, boolean named) {
        Path folder = folder();
        return folder != null && Files.isRegularFile(folder.resolve(entryName(className, rules, named)));
    }

    /** The class as woven before from exactly these bytes, or null. */
    WovenClass find(String className, byte[] classFile, List<TargetRule> rules, boolean named) {
        Path folder = folder();
        if (folder == null) {
            return null;
        }
        String name = entryName(className, rules, named);
        try {
            byte[] bytes = EntryFile.read(folder, folderKey, name, MAX_ENTRY_BYTES);
            if (bytes == null) {
                return null; // missing, or not this user's own file in the checked folder
            }
            int body = bytes.length - CacheSecret.macLength();
            if (body < 0 || !MessageDigest.isEqual(secret.mac(name, bytes, body),
                    Arrays.copyOfRange(bytes, body, bytes.length))) {
                return null; // not written by this agent with this state dir's key
            }
            return read(new DataInputStream(new ByteArrayInputStream(bytes, 0, body)), sha256(classFile), rules.size());
        } catch (IOException | RuntimeException e) {
            return null; // a damaged entry: woven afresh, and replaced
        }
    }

    /** Keeps the result for the next run; a failure only costs that run the weave. */
    void store(String className, byte[] classFile, List<TargetRule> rules, boolean named, WovenClass woven) {
        Path folder = folder();
        if (folder == null) {
            return;
        }
        String name = entryName(className, rules, named);
        Path entry = folder.resolve(name);
        Path tmp = folder.resolve(name + "." + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().getId() + ".tmp");
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            write(new DataOutputStream(bytes), sha256(classFile), woven);
            byte[] body = bytes.toByteArray();
            try (java.io.OutputStream out = Channels.newOutputStream(PrivateFiles.open(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS))) {
                out.write(body);
                out.write(secret.mac(name, body, body.length));
            }
            Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            trim(folder);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }

    /**
     * The cache's folder (under the state dir's real path, as checked), or null when there is no cache for
     * this run: off, no usable state dir, or no trustworthy key.
     */
    private synchronized Path folder() {
        if (!checked) {
            checked = true;
            try {
                Path stateDir = settings != null && settings.weaveCache() ? Settings.stateDir(settings) : null;
                Path real = stateDir == null ? null : StateDir.at(stateDir).checkedRealPath();
                agentJar = real == null ? null : JarIdentity.of(WeaveCache.class);
                secret = agentJar == null ? null : CacheSecret.in(real, OwnerCheck.forThisUser());
                dir = secret == null ? null : real.resolve("weave");
                folderKey = dir == null ? null : EntryFile.folderKey(dir);
            } catch (SettingsException | IOException e) {
                dir = null; // said when the settings are parsed in full
            }
        }
        return dir;
    }

    private static void write(DataOutputStream out, byte[] classSha, WovenClass woven) throws IOException {
        out.writeUTF(FORMAT);
        out.write(classSha);
        out.writeInt(woven.methods.size());
        for (WovenClass.Method method : woven.methods) {
            out.writeUTF(method.name);
            out.writeUTF(method.descriptor);
            out.writeUTF(method.returnType);
            out.writeInt(method.parameterTypes.size());
            for (String type : method.parameterTypes) {
                out.writeUTF(type);
            }
            out.writeInt(method.rule);
        }
        out.writeInt(woven.lines.size());
        for (WovenClass.Line line : woven.lines) {
            out.writeBoolean(line.warning);
            out.writeUTF(line.text);
        }
        out.writeBoolean(woven.summary != null);
        if (woven.summary != null) {
            out.writeUTF(woven.summary);
        }
        out.writeInt(woven.classFile == null ? -1 : woven.classFile.length);
        if (woven.classFile != null) {
            out.write(woven.classFile);
        }
        out.flush();
    }

    /** Null when the entry was woven from other bytes. */
    private static WovenClass read(DataInputStream in, byte[] classSha, int ruleCount) throws IOException {
        if (!FORMAT.equals(in.readUTF())) {
            return null;
        }
        byte[] storedSha = new byte[classSha.length];
        in.readFully(storedSha);
        if (!Arrays.equals(storedSha, classSha)) {
            return null;
        }
        List<WovenClass.Method> methods = new ArrayList<>();
        for (int i = count(in, 65_535); i > 0; i--) {
            String name = in.readUTF();
            String descriptor = in.readUTF();
            String returnType = in.readUTF();
            List<String> parameters = new ArrayList<>();
            for (int p = count(in, 255); p > 0; p--) {
                parameters.add(in.readUTF());
            }
            int rule = in.readInt();
            if (rule < 0 || rule >= ruleCount) {
                throw new IOException("rule " + rule + " of " + ruleCount);
            }
            methods.add(new WovenClass.Method(name, descriptor, returnType, parameters, rule));
        }
        List<WovenClass.Line> lines = new ArrayList<>();
        for (int i = count(in, 65_535); i > 0; i--) {
            boolean warning = in.readBoolean();
            lines.add(new WovenClass.Line(warning, in.readUTF()));
        }
        String summary = in.readBoolean() ? in.readUTF() : null;
        int length = in.readInt();
        if (length < -1 || length > 64 * 1024 * 1024) {
            throw new IOException("class file of " + length + " bytes");
        }
        byte[] classFile = null;
        if (length >= 0) {
            classFile = new byte[length];
            in.readFully(classFile);
        }
        if (in.read() != -1) {
            throw new IOException("more after the class file");
        }
        return new WovenClass(classFile, methods, lines, summary);
    }

    private static int count(DataInputStream in, int max) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > max) {
            throw new IOException("count " + n);
        }
        return n;
    }

    /** Removes the oldest entries beyond {@link #MAX_ENTRIES}. */
    private static void trim(Path folder) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(file -> file.getFileName().toString().endsWith(".weave")).forEach(entries::add);
        }
        if (entries.size() <= MAX_ENTRIES) {
            return;
        }
        entries.sort(Comparator.comparingLong(WeaveCache::modified));
        for (Path old : entries.subList(0, entries.size() - MAX_ENTRIES)) {
            Files.deleteIfExists(old);
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Names the entry by everything the weave depends on besides the class file itself. */
    private String entryName(String className, List<TargetRule> rules, boolean named) {
        StringBuilder key = new StringBuilder(FORMAT).append('\n').append(agentJar).append('\n').append(className)
                .append('\n').append(named).append('\n');
        for (TargetRule rule : rules) {
            key.append(rule.className()).append(rule.subtypes() ? "+" : "").append(' ').append(rule.methods())
                    .append(' ').append(rule.path()).append('\n');
        }
        return FileDigest.hex(sha256(key.toString().getBytes(StandardCharsets.UTF_8))) + ".weave";
    }

    private static byte[] sha256(byte[] bytes) {
        return FileDigest.sha256().digest(bytes);
    }
}
