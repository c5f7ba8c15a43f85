package dev.ossagent.localoss;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The command line of local-oss.jar, parsed; see {@link #USAGE}. Error messages never quote a secret. */
final class LocalOssOptions {
    static final String KEYS_ENV = "LOCAL_OSS_KEYS";
    static final String USAGE = "usage: java -jar local-oss.jar --port 0 --root DIR --bucket NAME [--bucket NAME...]\n"
            + "       [--keys-file FILE] [--key ID:SECRET ...] [--port-file FILE]\n"
            + "       [--fail-ratio R] [--reset-ratio R] [--delay-ms N]\n"
            + "Key pairs come from --keys-file (ID:SECRET lines), the " + KEYS_ENV + " environment variable\n"
            + "(ID:SECRET entries) and --key; prefer the first two: a command line shows in ps.";

    final LocalOss.Builder builder = LocalOss.builder();
    String portFile;
    double failRatio;
    double resetRatio;
    long delayMs;
    boolean help;

    private LocalOssOptions() {
    }

    /** @throws IllegalArgumentException for a wrong option, value or key source */
    static LocalOssOptions parse(String[] args, Map<String, String> env) {
        LocalOssOptions o = new LocalOssOptions();
        boolean hasRoot = false;
        int keys = 0;
        String envKeys = env.get(KEYS_ENV);
        if (envKeys != null && !envKeys.isBlank()) {
            keys += addKeys(o.builder, KeyPairs.parse(envKeys, KEYS_ENV));
        }
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                o.help = true;
                return o;
            }
            String v = i + 1 < args.length ? args[++i] : null;
            if (v == null) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            switch (a) {
                case "--port": o.builder.port(Integer.parseInt(v)); break;
                case "--root": o.builder.root(Path.of(v)); hasRoot = true; break;
                case "--bucket": o.builder.bucket(v); break;
                case "--key": keys += addKeys(o.builder, KeyPairs.parse(v, "--key")); break;
                case "--keys-file": keys += addKeys(o.builder, KeyPairs.parse(read(v), "--keys-file " + v)); break;
                case "--port-file": o.portFile = v; break;
                case "--fail-ratio": o.failRatio = Double.parseDouble(v); break;
                case "--reset-ratio": o.resetRatio = Double.parseDouble(v); break;
                case "--delay-ms": o.delayMs = Long.parseLong(v); break;
                default: throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (!hasRoot || keys == 0) {
            throw new IllegalArgumentException("--root and at least one key pair (--keys-file, " + KEYS_ENV
                    + " or --key) are required");
        }
        return o;
    }

    private static int addKeys(LocalOss.Builder b, Map<String, String> pairs) {
        pairs.forEach(b::credentials);
        return pairs.size();
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --keys-file " + file + ": " + e.getClass().getSimpleName());
        }
    }
}
