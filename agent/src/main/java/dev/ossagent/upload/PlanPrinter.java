package dev.ossagent.upload;

import dev.ossagent.log.AgentLog;

/** Prints a plan: one line per file with its local path, object and size, or "missing". */
public final class PlanPrinter {
    private PlanPrinter() {
    }

    public static void print(UploadPlan plan, boolean dryRun) {
        for (String line : lines(plan, dryRun)) {
            AgentLog.info(line);
        }
    }

    /** The plan's lines, unprefixed; the agent logs them, {@code java -jar oss-agent.jar plan} prints them. */
    public static java.util.List<String> lines(UploadPlan plan, boolean dryRun) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        lines.add((dryRun ? "dry run, nothing sent: " : "") + "upload plan for " + plan.modelPath()
                + " (" + plan.files().size() + " files, " + Sizes.human(plan.totalBytes()) + ")");
        for (PlannedFile file : plan.files()) {
            lines.add("  " + file.path() + " -> " + file.objectName() + " (" + Sizes.human(file.size()) + ")");
        }
        for (String missing : plan.missing()) {
            lines.add("  " + missing + " -> missing");
        }
        return lines;
    }
}
