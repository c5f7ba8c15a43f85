package dev.ossagent.config;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Properties;

/**
 * Reads the settings file named by the agent argument. Every way it can be unusable is one
 * {@link SettingsException} naming the file and the fix. It is never opened unless it is a regular
 * file: reading a named pipe would block premain, and so the trainer, forever.
 */
final class SettingsFile {
    /** A settings file is a few hundred bytes; a big one is another file named by mistake (a model?). */
    private static final long MAX_BYTES = 1024 * 1024;
    private static final String EXAMPLE = "oss-agent.properties";

    private SettingsFile() {
    }

    static Properties read(Path file) throws SettingsException {
        byte[] bytes = bytes(file);
        long[] badOffset = new long[1];
        String text = StrictUtf8.decode(bytes, badOffset);
        if (text == null) {
            throw problem(file, "is not UTF-8 (line " + StrictUtf8.lineOf(bytes, badOffset[0])
                    + " has a byte that is not UTF-8, e.g. Latin-1 or GBK text); save it as UTF-8");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.trim().isEmpty()) {
            throw problem(file, "is empty; see oss-agent.example.properties for the settings it needs");
        }
        Properties values = new Properties();
        try {
            values.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            // Properties says only "Malformed \\uxxxx encoding." and never echoes the value.
            throw problem(file, "is malformed: " + OneLine.of(e.getMessage())
                    + " (a backslash starts an escape; write Windows paths with / or \\\\)");
        }
        return values;
    }

    private static byte[] bytes(Path file) throws SettingsException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw problem(file, "does not exist; give the path of an " + EXAMPLE
                    + " file: -javaagent:/path/to/oss-agent.jar=/path/to/" + EXAMPLE);
        } catch (IOException | SecurityException e) {
            throw unreadable(file, e);
        }
        if (attributes.isDirectory()) {
            throw problem(file, "is a folder; give the path of the " + EXAMPLE + " file inside it");
        }
        if (!attributes.isRegularFile()) {
            throw problem(file, "is not a regular file (a named pipe, socket or device); give the path of an "
                    + EXAMPLE + " file");
        }
        if (attributes.size() > MAX_BYTES) {
            throw problem(file, "is " + attributes.size() + " bytes, too large for a settings file; give the path of"
                    + " the " + EXAMPLE + " file (is it the model?)");
        }
        // java.io, whose classes every JVM has loaded already: NIO's channels cost premain ~40 classes.
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            return in.readAllBytes();
        } catch (IOException | SecurityException e) {
            // java.io words failures vaguely; NIO says which one it was, for the message.
            try {
                return Files.readAllBytes(file);
            } catch (IOException | SecurityException precise) {
                throw unreadable(file, precise);
            }
        }
    }

    private static SettingsException unreadable(Path file, Exception e) {
        if (e instanceof AccessDeniedException || e instanceof SecurityException) {
            return problem(file, "cannot be read: permission denied; let the user running the trainer read it"
                    + " (chmod 600 and chown to that user)");
        }
        // IOException messages name the path and the OS error, never the file's content.
        return problem(file, "cannot be read (" + e.getClass().getSimpleName() + ": " + OneLine.of(e.getMessage())
                + "); check the file and its folder");
    }

    private static SettingsException problem(Path file, String what) {
        return new SettingsException("settings file " + file + " " + what);
    }
}
