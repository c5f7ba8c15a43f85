package dev.ossagent.cli;

import static dev.ossagent.config.SettingNames.DATA_BUCKET;
import static dev.ossagent.config.SettingNames.MODEL_BUCKET;

import com.aliyun.oss.OSS;
import dev.ossagent.config.Endpoint;
import dev.ossagent.config.RawSettings;
import dev.ossagent.config.SettingSources;
import dev.ossagent.config.Settings;
import dev.ossagent.credentials.ResolvedCredentials;
import dev.ossagent.journal.StateDir;
import dev.ossagent.log.AgentLog;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code test}: check credentials and both buckets before a long training run. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {
            "Check the setup before a training run: resolve credentials (prints the tier, the masked id and"
                + " the expiry of temporary credentials),"
                + " then for the model bucket and the data bucket print name, location, endpoint and whether"
                + " this key may write under the prefix (a small .oss-agent-test-* object is written and deleted).",
            "Prints every setting in force and where it came from (-D, environment, file, default), secrets masked.",
            "Exits 0 when both buckets are usable and the settings hold no unknown ossagent.* name and no file list"
                + " entry that matches nothing (exit 12). Uses short timeouts and no retries."})
final class TestCommand extends CliCommand {
    @Option(names = "--json", description = "The report as one JSON document on one line (docs/cli-json.md).")
    boolean json;

    TestCommand(CliContext context) {
        super(context);
    }

    @Option(names = "--model", paramLabel = "PATH",
            description = "A model path as train returns it (after a first run): ossagent.model.files is checked too,"
                + " ${model} and ${modelDir} filled in. Without it only ossagent.data.files is checked.")
    String model;

    @Override
    int run() throws CliException {
        if (json) {
            return LabelledLines.asJson(context, captured -> {
                TestCommand plain = new TestCommand(captured);
                plain.common = common;
                return plain.run();
            });
        }
        PrintStream out = context.out();
        RawSettings raw = CliSettings.raw(common, context);
        Settings settings = CliSettings.parse(raw);
        Endpoint endpoint = settings.endpoint();
        out.println("settings:    " + CliSettings.describe(settings));
        for (String line : SettingSources.inForce(raw)) {
            out.println("  " + line);
        }
        List<String> suspect = new ArrayList<>(SettingSources.unknown(raw));
        suspect.addAll(new FileListCheck(settings, context.workingDir(), model).unmatched());
        StateDir stateDir = StateDir.at(settings.stateDir());
        if (stateDir.usable()) {
            out.println("state dir:   " + stateDir.path() + " (yours alone: journal and checkpoints can be kept)");
        } else {
            out.println("state dir:   not usable; uploads still work, but a crash or exit timeout could not be resumed");
            AgentLog.warn(stateDir.problem());
        }
        out.println("endpoint:    " + endpoint.url() + ", region " + endpoint.region()
                + (endpoint.regionGuessed() ? " (assumed: the host names no region; set ossagent.region)" : "")
                + ", signature " + (settings.signatureV1() ? "V1" : "V4"));
        ResolvedCredentials credentials;
        try {
            credentials = CliClient.credentials(settings, context);
        } catch (CliException e) {
            out.println("credentials: none");
            throw e;
        }
        out.println("credentials: " + credentials.describe());

        OSS client = CliClient.open(settings, credentials, true);
        try {
            BucketCheck check = new BucketCheck(client, settings, new OssFailures(settings, credentials), out);
            CliException modelBucket = check.run("model", settings.modelBucket(), settings.modelPrefix(), MODEL_BUCKET);
            report(modelBucket);
            CliException data = null;
            if (modelBucket != null && sameForEveryBucket(modelBucket)) {
                out.println("data bucket: not checked (the same failure would repeat)");
            } else if (settings.dataBucket() == null) {
                out.println("data bucket: not set (" + DATA_BUCKET + "); skipped");
            } else {
                data = check.run("data", settings.dataBucket(), settings.dataPrefix(), DATA_BUCKET);
                report(data);
            }
            CliException first = modelBucket != null ? modelBucket : data;
            if (first != null) {
                out.println("FAILED (exit code " + first.exitCode() + ")");
                return first.exitCode();
            }
            if (!suspect.isEmpty()) {
                // The agent would only warn and go on, then upload to the wrong place or nothing at all.
                AgentLog.error("settings that will not do what they say: " + String.join("; ", suspect));
                out.println("FAILED (exit code " + ExitCodes.SUSPECT_SETTINGS + ")");
                return ExitCodes.SUSPECT_SETTINGS;
            }
            out.println("OK: " + (settings.dataBucket() == null ? "the model bucket is" : "both buckets are")
                    + " usable with this key");
            return ExitCodes.OK;
        } finally {
            client.shutdown();
        }
    }

    private static void report(CliException failure) {
        if (failure != null) {
            AgentLog.error(failure.getMessage());
        }
    }

    /** A wrong key or an unreachable endpoint fails every bucket alike. */
    private static boolean sameForEveryBucket(CliException failure) {
        return failure.exitCode() == ExitCodes.WRONG_KEY || failure.exitCode() == ExitCodes.UNREACHABLE;
    }
}
