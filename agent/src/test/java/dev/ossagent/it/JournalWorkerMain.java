package dev.ossagent.it;

import dev.ossagent.journal.Journal;
import dev.ossagent.journal.JournalEntry;
import dev.ossagent.journal.JournaledPlan;
import dev.ossagent.journal.PlanRecord;
import dev.ossagent.journal.UploadedFile;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * A second process on the same journal. {@code record STATE_DIR PLANS}: records PLANS plans of 4 files and
 * marks 2 of each done, as an agent would. {@code finish STATE_DIR}: takes over every plan it can and
 * finishes it, as resume would, then prints how many it finished.
 */
public final class JournalWorkerMain {
    public static void main(String[] args) throws Exception {
        Journal journal = new Journal(Paths.get(args[1]));
        if (args[0].equals("record")) {
            for (int plan = 0; plan < Integer.parseInt(args[2]); plan++) {
                List<JournalEntry> entries = new ArrayList<>();
                for (int i = 1; i <= 4; i++) {
                    entries.add(new JournalEntry(i, Path.of("/data/" + plan + "/" + i + ".bin"), "b", "k/" + plan + "/" + i, i));
                }
                try (JournaledPlan journaled = journal.record(PlanRecord.now("T#train", "/data/" + plan, "http://x", "b",
                        "k/manifest.json"), entries)) {
                    for (JournalEntry entry : entries.subList(0, 2)) {
                        journaled.done(entry, done(entry));
                    }
                }
            }
            return;
        }
        int finished = 0;
        for (String id : journal.planIds()) {
            JournaledPlan plan = journal.open(id);
            if (plan == null) {
                continue;
            }
            try (plan) {
                for (JournalEntry entry : plan.pending()) {
                    plan.done(entry, done(entry));
                }
                plan.manifestSettled();
                finished++;
            }
        }
        System.out.println("finished " + finished);
    }

    private static UploadedFile done(JournalEntry entry) {
        return new UploadedFile(entry.path().toString(), entry.bucket(), entry.key(), entry.size(), "1", "00", 0.1, false);
    }
}
