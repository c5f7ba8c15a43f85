package dev.ossagent.cli;

import dev.ossagent.config.Run;
import dev.ossagent.config.Settings;
import dev.ossagent.config.SettingsException;
import dev.ossagent.journal.JournalEntry;
import dev.ossagent.journal.JournaledPlan;
import dev.ossagent.journal.PlanRecord;
import dev.ossagent.manifest.Manifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code resume --retarget}: a plan's pending files, and its manifest, go to the endpoint, buckets and prefixes
 * configured now (after a typo was fixed) instead of those it was made for. A model file keeps its key below the
 * model prefix, a data file below the data prefix. Files already verified stay where they are.
 */
final class PlanRetarget {
    private PlanRetarget() {
    }

    /** Rewrites the plan in the journal; returns the line that says what it did. */
    static String apply(JournaledPlan plan, Settings settings) throws IOException, SettingsException {
        PlanRecord old = plan.record();
        // The plan's own run, not this command's: ${run} and the rest keep the values the run was made with, so
        // the files land beside the run's others and its manifest, LATEST and list --runs name one id.
        String modelPrefix = settings.modelPrefix();
        String dataPrefix = settings.dataPrefix();
        if (old.run() != null) {
            Run planRun = Run.recorded(old.run(), old.rank(), old.startedMillis(), old.host());
            modelPrefix = settings.modelPrefixFor(planRun);
            dataPrefix = settings.dataPrefixFor(planRun);
        }
        String oldModelPrefix = old.manifestKey().substring(0, old.manifestKey().length() - Manifest.FILE_NAME.length());
        List<JournalEntry> moved = new ArrayList<>();
        int stay = 0;
        for (JournalEntry entry : plan.pending()) {
            JournalEntry target = null;
            if (entry.bucket().equals(old.manifestBucket()) && entry.key().startsWith(oldModelPrefix)) {
                target = entry.withObject(settings.modelBucket(),
                        modelPrefix + entry.key().substring(oldModelPrefix.length()));
            } else if (entry.bucket().equals(old.dataBucket()) && old.dataPrefix() != null
                    && entry.key().startsWith(old.dataPrefix()) && settings.dataBucket() != null) {
                target = entry.withObject(settings.dataBucket(),
                        dataPrefix + entry.key().substring(old.dataPrefix().length()));
            }
            if (target == null) {
                stay++;
                target = entry;
            }
            moved.add(target);
        }
        PlanRecord now = old.retargeted(settings.endpoint().url(), settings.modelBucket(),
                modelPrefix + Manifest.FILE_NAME, settings.dataBucket(), dataPrefix);
        plan.retarget(now, moved);
        return "plan " + old.id() + " retargeted: " + (moved.size() - stay) + " file(s) now go to "
                + settings.endpoint().url() + " " + settings.modelBucket() + "/" + modelPrefix
                + (settings.dataBucket() != null ? " and " + settings.dataBucket() + "/" + dataPrefix : "")
                + " (were " + old.endpoint() + " " + old.manifestBucket() + "/" + oldModelPrefix
                + (old.dataBucket() != null ? " and " + old.dataBucket() + "/" + old.dataPrefix() : "") + ")"
                + (stay > 0 ? "; " + stay + " file(s) matched neither old prefix and keep their objects" : "")
                + (plan.done().isEmpty() ? "" : "; " + plan.done().size() + " file(s) already uploaded stay where they are");
    }
}
