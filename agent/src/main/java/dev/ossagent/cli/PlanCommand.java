package dev.ossagent.cli;

import dev.ossagent.config.Settings;
import dev.ossagent.log.JsonLine;
import dev.ossagent.plan.PlanPrinter;
import dev.ossagent.plan.PlannedFile;
import dev.ossagent.plan.UploadPlan;
import dev.ossagent.plan.UploadPlanner;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code plan MODEL_PATH}: what the agent would upload, sending nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {
            "Show what the agent would upload if train(...) returned MODEL_PATH: each file's local path, bucket/key"
                + " and size, or \"missing\". Sends nothing and needs no credentials. The agent's"
                + " ossagent.dry-run=true logs the same plan."})
final class PlanCommand extends CliCommand {
    @Parameters(paramLabel = "MODEL_PATH", description = "The path train(...) returns (file or folder).")
    String modelPath;

    @Option(names = "--json", description = "The plan as one JSON document on one line (docs/cli-json.md).")
    boolean json;

    PlanCommand(CliContext context) {
        super(context);
    }

    @Override
    int run() throws CliException {
        Settings settings = CliSettings.load(common, context);
        UploadPlan plan = new UploadPlanner(settings).plan(context.workingDir().resolve(modelPath).normalize(), "plan");
        if (json) {
            context.out().println(json(plan));
            return ExitCodes.OK;
        }
        for (String line : PlanPrinter.lines(plan, false)) {
            context.out().println(line);
        }
        return ExitCodes.OK;
    }

    /** The fields of the events file's plan event, for the same facts. */
    private static JsonLine json(UploadPlan plan) {
        List<JsonLine> files = new ArrayList<>();
        for (PlannedFile file : plan.files()) {
            files.add(new JsonLine().put("path", file.path().toString()).put("bucket", file.bucket())
                    .put("key", file.key()).put("size", file.size()));
        }
        return new JsonLine().put("modelPath", plan.modelPath().toString()).put("fileCount", files.size())
                .put("bytes", plan.totalBytes()).put("files", files).putStrings("missing", plan.missing());
    }
}
