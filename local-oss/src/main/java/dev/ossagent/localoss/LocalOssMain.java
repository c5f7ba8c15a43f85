package dev.ossagent.localoss;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Command line: see {@link LocalOssOptions#USAGE}. Runs until killed. */
public final class LocalOssMain {
    private LocalOssMain() {
    }

    public static void main(String[] args) throws Exception {
        LocalOss server;
        LocalOssOptions options;
        try {
            options = LocalOssOptions.parse(args, System.getenv());
            if (options.help) {
                System.out.println(LocalOssOptions.USAGE);
                return;
            }
            server = options.builder.build();
            server.faults().failRatio(options.failRatio).resetRatio(options.resetRatio).delayMillis(options.delayMs);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Never echo the arguments themselves: they may contain secrets.
            System.err.println("local-oss: " + e.getMessage());
            System.err.println(LocalOssOptions.USAGE);
            System.exit(2);
            return;
        }
        server.start();
        if (options.portFile != null) {
            writePortFile(Path.of(options.portFile), server.port());
        }
        System.out.println("local-oss listening on " + server.endpoint());
        System.out.flush();
        LocalOss running = server;
        Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "local-oss-shutdown"));
        Thread.currentThread().join(); // serve until killed
    }

    /** Written via rename so that a polling script never reads a half-written number. */
    private static void writePortFile(Path file, int port) throws IOException {
        Path abs = file.toAbsolutePath();
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        Files.write(tmp, (port + "\n").getBytes(StandardCharsets.US_ASCII));
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
