package dev.ossagent.localoss;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Command line: {@code java -jar local-oss.jar --port 0 --root DIR --bucket NAME [--bucket NAME...]
 * --key ID:SECRET [--key ...] [--port-file FILE] [--fail-ratio R] [--reset-ratio R] [--delay-ms N]
 * [--max-bandwidth RATE]}; RATE in bytes per second, or with a unit: {@code 100MB} (10^6), {@code 100MiB}.
 * Runs until killed.
 */
public final class LocalOssMain {
    private LocalOssMain() {
    }

    public static void main(String[] args) throws Exception {
        LocalOss server;
        String portFile = null;
        double failRatio = 0;
        double resetRatio = 0;
        long delayMs = 0;
        long maxBandwidth = 0;
        LocalOss.Builder b = LocalOss.builder();
        boolean hasRoot = false;
        boolean hasKey = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) {
                    System.out.println(usage());
                    return;
                }
                String v = i + 1 < args.length ? args[++i] : null;
                if (v == null) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                switch (a) {
                    case "--port": b.port(Integer.parseInt(v)); break;
                    case "--root": b.root(Path.of(v)); hasRoot = true; break;
                    case "--bucket": b.bucket(v); break;
                    case "--key": {
                        int c = v.indexOf(':');
                        if (c <= 0 || c == v.length() - 1) {
                            throw new IllegalArgumentException("--key must be ID:SECRET");
                        }
                        b.credentials(v.substring(0, c), v.substring(c + 1));
                        hasKey = true;
                        break;
                    }
                    case "--port-file": portFile = v; break;
                    case "--fail-ratio": failRatio = Double.parseDouble(v); break;
                    case "--reset-ratio": resetRatio = Double.parseDouble(v); break;
                    case "--delay-ms": delayMs = Long.parseLong(v); break;
                    case "--max-bandwidth": maxBandwidth = Rates.parse(v); break;
                    default: throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (!hasRoot || !hasKey) {
                throw new IllegalArgumentException("--root and at least one --key are required");
            }
            server = b.build();
            server.faults().failRatio(failRatio).resetRatio(resetRatio).delayMillis(delayMs);
            server.maxBandwidth(maxBandwidth);
        } catch (IllegalArgumentException e) {
            // Never echo the arguments themselves: they contain secrets.
            System.err.println("local-oss: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        server.start();
        if (portFile != null) {
            writePortFile(Path.of(portFile), server.port());
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

    private static String usage() {
        return "usage: java -jar local-oss.jar --port 0 --root DIR --bucket NAME [--bucket NAME...] "
                + "--key ID:SECRET [--key ...] [--port-file FILE] [--fail-ratio R] [--reset-ratio R] [--delay-ms N] [--max-bandwidth RATE, e.g. 100MB]";
    }
}
