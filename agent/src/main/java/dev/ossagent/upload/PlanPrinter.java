package dev.ossagent.upload;

import dev.ossagent.log.AgentLog;

/** Prints a plan: one line per file with its local path, object and size, or "missing". */
public final class PlanPrinter {
    private PlanPrinter() {
    }

    public static void print(UploadPlan plan, boolean dryRun) {
        AgentLog.info((dryRun ? "dry run, nothing sent: " : "") + "upload plan for " + plan.modelPath()
                + " (" + plan.files().size() + " files, " + Sizes.human(plan.totalBytes()) + ")");
        for (PlannedFile file : plan.files()) {
            AgentLog.info("  " + file.path() + " -> " + file.objectName() + " (" + Sizes.human(file.size()) + ")");
        }
        for (String missing : plan.missing()) {
            AgentLog.info("  " + missing + " -> missing");
        }
    }
}
