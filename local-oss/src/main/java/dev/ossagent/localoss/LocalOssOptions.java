package dev.ossagent.localoss;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The command line of local-oss.jar, parsed; see {@link #USAGE}. Error messages never quote a secret. */
final class LocalOssOptions {
    static final String KEYS_ENV = "LOCAL_OSS_KEYS";
    static final String USAGE = "usage: java -jar local-oss.jar --port 0 --root DIR --bucket NAME [--bucket NAME...]\n"
            + "       [--keys-file FILE] [--key ID:SECRET[:POLICY] ...] [--port-file FILE]\n"
            + "       [--fail-ratio R] [--reset-ratio R] [--delay-ms N] [--max-bandwidth RATE, e.g. 100MB]\n"
            + "       [--temporary-seconds N] [--credentials-uri-port P]\n"
            + "       [--ecs-metadata-port P [--ecs-role NAME] [--ecs-imdsv1-disabled]\n"
            + "        [--ecs-spot-termination-time TEXT]]   (PUT/DELETE /admin/spot/termination-time later)\n"
            + "       [--sts-port P [--sts-tls-dir DIR] [--sts-role ARN]\n"
            + "        [--sts-oidc ROLE_ARN,PROVIDER_ARN --sts-oidc-token-file FILE]]\n"
            + "Key pairs come from --keys-file (ID:SECRET lines), the " + KEYS_ENV + " environment variable\n"
            + "(ID:SECRET entries) and --key; prefer the first two: a command line shows in ps. An entry\n"
            + "ID:SECRET:POLICY limits that key as a RAM policy would: put-only (PutObject and multipart),\n"
            + "read-only, or actions joined by + (list, head, get, put, multipart, listparts, delete, bucket).";

    final LocalOss.Builder builder = LocalOss.builder();
    /** Every long-term key pair given; the fake STS takes them as AssumeRole callers. */
    final Map<String, String> keys = new LinkedHashMap<>();
    /** Lifetime of what the fakes issue. */
    int temporarySeconds = 3600;
    /** -1: that fake is not started. */
    int stsPort = -1;
    int ecsMetadataPort = -1;
    int credentialsUriPort = -1;
    String stsTlsDir;
    String stsRole;
    String[] stsOidc;
    String stsOidcToken;
    String ecsRole;
    /** What instance/spot/termination-time answers from the start; null: 404 until the admin request. */
    String ecsSpotTermination;
    boolean ecsImdsV1Disabled;
    String portFile;
    double failRatio;
    double resetRatio;
    long delayMs;
    /** Bytes per second for all request bodies together; 0: no cap. */
    long maxBandwidth;
    boolean help;

    private LocalOssOptions() {
    }

    /** @throws IllegalArgumentException for a wrong option, value or key source */
    static LocalOssOptions parse(String[] args, Map<String, String> env) {
        LocalOssOptions o = new LocalOssOptions();
        boolean hasRoot = false;
        String envKeys = env.get(KEYS_ENV);
        if (envKeys != null && !envKeys.isBlank()) {
            o.addKeys(KeyPairs.parse(envKeys, KEYS_ENV));
        }
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                o.help = true;
                return o;
            }
            if (a.equals("--ecs-imdsv1-disabled")) {
                o.ecsImdsV1Disabled = true;
                continue;
            }
            String v = i + 1 < args.length ? args[++i] : null;
            if (v == null) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            switch (a) {
                case "--port": o.builder.port(Integer.parseInt(v)); break;
                case "--root": o.builder.root(Path.of(v)); hasRoot = true; break;
                case "--bucket": o.builder.bucket(v); break;
                case "--key": o.addKeys(KeyPairs.parse(v, "--key")); break;
                case "--keys-file": o.addKeys(KeyPairs.parse(read(v), "--keys-file " + v)); break;
                case "--port-file": o.portFile = v; break;
                case "--fail-ratio": o.failRatio = Double.parseDouble(v); break;
                case "--reset-ratio": o.resetRatio = Double.parseDouble(v); break;
                case "--delay-ms": o.delayMs = Long.parseLong(v); break;
                case "--max-bandwidth": o.maxBandwidth = Rates.parse(v); break;
                case "--temporary-seconds": o.temporarySeconds = Integer.parseInt(v); break;
                case "--sts-port": o.stsPort = Integer.parseInt(v); break;
                case "--sts-tls-dir": o.stsTlsDir = v; break;
                case "--sts-role": o.stsRole = v; break;
                case "--sts-oidc": o.stsOidc = v.split(",", 2); break;
                case "--sts-oidc-token-file": o.stsOidcToken = read(v).trim(); break;
                case "--ecs-metadata-port": o.ecsMetadataPort = Integer.parseInt(v); break;
                case "--ecs-role": o.ecsRole = v; break;
                case "--ecs-spot-termination-time": o.ecsSpotTermination = v; break;
                case "--credentials-uri-port": o.credentialsUriPort = Integer.parseInt(v); break;
                default: throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (o.stsOidc != null && (o.stsOidc.length != 2 || o.stsOidcToken == null)) {
            throw new IllegalArgumentException("--sts-oidc needs ROLE_ARN,PROVIDER_ARN and --sts-oidc-token-file");
        }
        if (!hasRoot || o.keys.isEmpty()) {
            throw new IllegalArgumentException("--root and at least one key pair (--keys-file, " + KEYS_ENV
                    + " or --key) are required");
        }
        return o;
    }

    private void addKeys(Map<String, String> pairs) {
        pairs.forEach((id, secret) -> {
            int colon = secret.lastIndexOf(':');
            if (colon > 0 && KeyActions.isPolicy(secret.substring(colon + 1))) {
                builder.limitedCredentials(id, secret.substring(0, colon), secret.substring(colon + 1));
                keys.put(id, secret.substring(0, colon));
            } else {
                builder.credentials(id, secret);
                keys.put(id, secret);
            }
        });
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getClass().getSimpleName());
        }
    }
}
