package dev.ossagent.plan;

import dev.ossagent.log.AgentLog;
import dev.ossagent.log.Sizes;
import java.util.ArrayList;
import java.util.List;

/** Prints a plan: one line per file with its local path, object and size, or "missing". */
public final class PlanPrinter {
    /** The agent's log shows this many files of a plan; a folder of thousands is summed up after them. */
    public static final int LOGGED_FILES = 20;

    private PlanPrinter() {
    }

    public static void print(UploadPlan plan, boolean dryRun) {
        for (String line : lines(plan, dryRun, LOGGED_FILES)) {
            AgentLog.info(line);
        }
    }

    /** The plan's lines, unprefixed; the agent logs them, {@code java -jar oss-agent.jar plan} prints them. */
    public static List<String> lines(UploadPlan plan, boolean dryRun) {
        return lines(plan, dryRun, Integer.MAX_VALUE);
    }

    static List<String> lines(UploadPlan plan, boolean dryRun, int maxFiles) {
        List<String> lines = new ArrayList<>();
        lines.add((dryRun ? "dry run, nothing sent: " : "") + "upload plan for " + plan.modelPath()
                + " (" + plan.files().size() + " files, " + Sizes.human(plan.totalBytes()) + ")");
        long restBytes = 0;
        for (int i = 0; i < plan.files().size(); i++) {
            PlannedFile file = plan.files().get(i);
            if (i < maxFiles) {
                lines.add("  " + file.path() + " -> " + file.objectName() + " (" + Sizes.human(file.size()) + ")");
            } else {
                restBytes += Math.max(0, file.size());
            }
        }
        if (plan.files().size() > maxFiles) {
            lines.add("  ... and " + (plan.files().size() - maxFiles) + " more files, " + Sizes.human(restBytes)
                    + " (java -jar oss-agent.jar plan " + plan.modelPath() + " lists them all)");
        }
        for (String missing : plan.missing()) {
            lines.add("  " + missing + " -> missing");
        }
        return lines;
    }
}
