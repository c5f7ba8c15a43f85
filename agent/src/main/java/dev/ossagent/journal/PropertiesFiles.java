package dev.ossagent.journal;

import dev.ossagent.config.BoundedFile;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;

/** Small Properties files written whole or not at all: to a temporary name, then renamed over the target. */
public final class PropertiesFiles {
    private PropertiesFiles() {
    }

    public static void write(Path file, Properties values) throws IOException {
        JournalWrites.begin();
        try {
            writeNow(file, values);
        } finally {
            JournalWrites.end();
        }
    }

    private static void writeNow(Path file, Properties values) throws IOException {
        // Unique per process and thread, so two writers never share a temporary file; created 0600, and never
        // left behind, not even when the disk is full.
        Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().getId() + ".tmp");
        try {
            try (Writer writer = new OutputStreamWriter(Channels.newOutputStream(PrivateFiles.open(tmp,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)),
                    StandardCharsets.UTF_8)) {
                values.store(writer, null);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static Properties read(Path file) throws IOException {
        Properties values = new Properties();
        // A journal record is a few hundred bytes; 1 MiB bounds one planted in its place.
        values.load(new java.io.StringReader(BoundedFile.readText(file, BoundedFile.PROFILE_BYTES)));
        return values;
    }

    /** A value that must be there; a journal file without it is not ours or was edited by hand. */
    static String required(Properties values, String name, Path file) throws IOException {
        String value = values.getProperty(name);
        if (value == null) {
            throw new IOException(file + " has no " + name);
        }
        return value;
    }
}
