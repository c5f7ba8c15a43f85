package dev.ossagent.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts a real JVM, waits for it, and keeps what it printed. */
public final class JvmRun {
    private final Path java;
    private final Path workDir;
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> launch = new ArrayList<>();
    private final List<String> programArgs = new ArrayList<>();
    private final Map<String, String> environment = new HashMap<>();
    private long timeoutSeconds = 120;

    public JvmRun(Path java, Path workDir) {
        this.java = java;
        this.workDir = workDir;
    }

    public JvmRun jvmArgs(String... args) {
        jvmArgs.addAll(Arrays.asList(args));
        return this;
    }

    /** What to run: {@code -jar X} or {@code -cp X MainClass}; JVM options always go before it. */
    public JvmRun launch(String... args) {
        launch.addAll(Arrays.asList(args));
        return this;
    }

    public JvmRun args(String... args) {
        programArgs.addAll(Arrays.asList(args));
        return this;
    }

    public JvmRun env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public JvmRun timeoutSeconds(long seconds) {
        timeoutSeconds = seconds;
        return this;
    }

    public Result run() throws IOException, InterruptedException {
        return start().await();
    }

    /** Starts the JVM and returns at once, for tests that act on it while it runs (kill -9). */
    public Started start() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmArgs);
        command.addAll(launch);
        command.addAll(programArgs);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> env = builder.environment();
        // Only the test's own credentials: nothing inherited from the machine may leak in.
        env.keySet().removeIf(name -> name.startsWith("OSS_") || name.startsWith("ALIBABA_CLOUD_")
                || name.startsWith("ALIYUN_") || name.startsWith("OSSAGENT_") || name.equals("JAVA_TOOL_OPTIONS"));
        // Never the real ECS metadata service (100.100.100.200) nor the user's CLI profile: tests that want an
        // official tier set these back.
        env.put("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true");
        env.put("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "true");
        env.putAll(environment);
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        return new Started(builder.start(), command, out, err, timeoutSeconds);
    }

    /** A running JVM. */
    public static final class Started {
        private final Process process;
        private final List<String> command;
        private final Path out;
        private final Path err;
        private final long timeoutSeconds;
        private final long start = System.nanoTime();

        Started(Process process, List<String> command, Path out, Path err, long timeoutSeconds) {
            this.process = process;
            this.command = command;
            this.out = out;
            this.err = err;
            this.timeoutSeconds = timeoutSeconds;
        }

        /** What it printed to stderr so far. */
        public String stderrSoFar() throws IOException {
            return Files.readString(err, StandardCharsets.UTF_8);
        }

        /** What it printed to stdout so far. */
        public String stdoutSoFar() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }

        /** SIGTERM on Unix, as Kubernetes sends before SIGKILL; returns at once. */
        public void terminate() {
            process.destroy();
        }

        /** SIGKILL on Unix: no shutdown hook, no finally, exactly like kill -9. */
        public Result kill() throws IOException, InterruptedException {
            process.destroyForcibly().waitFor();
            return await();
        }

        public Result await() throws IOException, InterruptedException {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("JVM did not exit within " + timeoutSeconds + " s: " + command
                        + "\nstderr:\n" + Files.readString(err));
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), (System.nanoTime() - start) / 1e9);
            Files.delete(out);
            Files.delete(err);
            SecretWatch.check(result.stdout + result.stderr);
            return result;
        }
    }

    public static final class Result {
        public final int exitCode;
        public final String stdout;
        public final String stderr;
        public final double seconds;

        Result(int exitCode, String stdout, String stderr, double seconds) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
            this.seconds = seconds;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }
}
