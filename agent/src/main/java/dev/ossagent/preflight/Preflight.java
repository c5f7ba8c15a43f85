package dev.ossagent.preflight;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import dev.ossagent.config.PreflightMode;
import dev.ossagent.config.SettingNames;
import dev.ossagent.config.Settings;
import dev.ossagent.credentials.CredentialChain;
import dev.ossagent.credentials.CredentialsException;
import dev.ossagent.credentials.ResolvedCredentials;
import dev.ossagent.log.AgentLog;
import dev.ossagent.transfer.EndpointState;
import dev.ossagent.transfer.OssClients;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ossagent.preflight}: at the first target load, on a thread of its own (never in premain, never on the
 * trainer's thread unless {@code fail} asks to wait), resolve credentials, reach the endpoint and look at each
 * bucket with one read-only request. Says one line: {@code ready: ...}, or one ERROR whose first words are the
 * cause and the fix. With {@code fail}, a failed check exits the JVM before the trainer's main goes on.
 */
public final class Preflight implements Runnable {
    /** Told in seconds, never a minute of socket timeouts: the upload itself keeps the longer ones. */
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int SOCKET_TIMEOUT_MILLIS = 15_000;

    private final Settings settings;
    private volatile String failure;

    private Preflight(Settings settings) {
        this.settings = settings;
    }

    /** Starts the check, unless off or a dry run; with {@code fail}, waits for it and exits the JVM if it failed. */
    public static void start(Settings settings) {
        if (settings.preflight() == PreflightMode.OFF || settings.dryRun()) {
            return;
        }
        Preflight check = new Preflight(settings);
        Thread thread = new Thread(check, "oss-agent-preflight");
        thread.setDaemon(true);
        thread.start();
        if (settings.preflight() != PreflightMode.FAIL) {
            return;
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (check.failure != null) {
            int code = settings.exitFailureCode() >= 0 ? settings.exitFailureCode() : 1;
            AgentLog.error("exiting with code " + code + " before training (" + SettingNames.PREFLIGHT + "=fail)");
            System.exit(code); // on the trainer's thread, at the target's class load: main goes no further
        }
    }

    @Override
    public void run() {
        try {
            failure = check();
        } catch (Throwable t) {
            // The preflight's own trouble is not the setup's: say it, never stop the trainer for it.
            AgentLog.warn("preflight could not run (" + t.getClass().getSimpleName() + "); the upload will tell");
        }
    }

    /** @return null when ready, else the ERROR line already printed */
    private String check() {
        long start = System.nanoTime();
        ResolvedCredentials credentials;
        try {
            credentials = CredentialChain.of(settings, System.getenv()).resolve();
        } catch (CredentialsException e) {
            // Word for word the upload's own line, so the JVM says it once (AgentLog.errorOnce).
            AgentLog.errorOnce(e.getMessage());
            return e.getMessage();
        }
        List<String> said = new ArrayList<>();
        said.add("credentials " + credentials.describe());
        ClientBuilderConfiguration conf = OssClients.configuration(settings);
        conf.setConnectionTimeout(CONNECT_TIMEOUT_MILLIS);
        conf.setSocketTimeout(SOCKET_TIMEOUT_MILLIS);
        OSS client = OssClients.create(settings, credentials, conf);
        try {
            BucketProbe probe = new BucketProbe(client, settings, credentials);
            EndpointState endpoint = EndpointState.of(settings.endpoint().url());
            for (String bucket : buckets()) {
                BucketProbe.Found found = probe.check(bucket);
                if (found.failure != null) {
                    return fail(found.failure.reason());
                }
                endpoint.answered(); // an answer, even AccessDenied: an outage later is waited out
                said.add("bucket " + bucket + (found.location != null
                        ? (found.location.isEmpty() ? "" : " (" + found.location + ")")
                        : " (could not check: " + found.notChecked + "; the upload will tell)"));
            }
        } finally {
            client.shutdown();
        }
        AgentLog.info(String.format(Locale.ROOT, "ready: %s answered in %.1f s; %s", settings.endpoint().url(),
                (System.nanoTime() - start) / 1e9, String.join(", ", said)));
        return null;
    }

    private Set<String> buckets() {
        Set<String> buckets = new LinkedHashSet<>();
        buckets.add(settings.modelBucket());
        if (settings.dataBucket() != null && !settings.dataFiles().isEmpty()) {
            buckets.add(settings.dataBucket());
        }
        return buckets;
    }

    private String fail(String reason) {
        String line = reason + " (preflight at the first target load" + (settings.preflight() == PreflightMode.FAIL
                ? ")" : "; the trainer runs on, the journal keeps what cannot be uploaded)");
        AgentLog.errorOnce(line);
        return line;
    }
}
