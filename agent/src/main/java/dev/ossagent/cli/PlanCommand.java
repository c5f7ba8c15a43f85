package dev.ossagent.cli;

import dev.ossagent.config.Settings;
import dev.ossagent.plan.PlanPrinter;
import dev.ossagent.plan.UploadPlan;
import dev.ossagent.plan.UploadPlanner;
import picocli.CommandLine.Command;
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

    PlanCommand(CliContext context) {
        super(context);
    }

    @Override
    int run() throws CliException {
        Settings settings = CliSettings.load(common, context);
        UploadPlan plan = new UploadPlanner(settings).plan(context.workingDir().resolve(modelPath).normalize(), "plan");
        for (String line : PlanPrinter.lines(plan, false)) {
            context.out().println(line);
        }
        return ExitCodes.OK;
    }
}
