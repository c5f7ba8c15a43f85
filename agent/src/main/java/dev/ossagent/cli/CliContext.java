package dev.ossagent.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What a command reads from and writes to outside its arguments: stdout, stderr, the environment,
 * system properties, the working directory, and whether a person is watching a terminal. The jar's
 * main uses the real ones; tests pass their own, so everything runs in-process.
 */
public final class CliContext {
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final Properties systemProperties;
    private final Path workingDir;
    private final boolean terminal;

    public CliContext(PrintStream out, PrintStream err, Map<String, String> environment, Properties systemProperties,
                      Path workingDir, boolean terminal) {
        this.out = PrintableOut.of(out);
        this.err = err;
        this.environment = Collections.unmodifiableMap(new HashMap<>(environment));
        this.systemProperties = copy(systemProperties);
        this.workingDir = workingDir.toAbsolutePath().normalize();
        this.terminal = terminal;
    }

    /** The real process: System streams (stdout as given), environment, properties and console. */
    public static CliContext system(PrintStream out) {
        return new CliContext(out, System.err, System.getenv(), System.getProperties(),
                Paths.get("").toAbsolutePath(), System.console() != null);
    }

    private static Properties copy(Properties source) {
        Properties copy = new Properties();
        for (String name : source.stringPropertyNames()) {
            copy.setProperty(name, source.getProperty(name));
        }
        return copy;
    }

    /** Command output: tables, listings, reports; control characters in what is printed come out escaped. */
    public PrintStream out() { return out; }
    /** Diagnostics and the live progress bar. */
    public PrintStream err() { return err; }
    public Map<String, String> environment() { return environment; }
    public Properties systemProperties() { return copy(systemProperties); }
    public Path workingDir() { return workingDir; }
    /** True when a person watches (a console): live progress bar instead of plain lines. */
    public boolean terminal() { return terminal; }
}
