package dev.ossagent.trigger;

import dev.ossagent.config.LocalHost;
import dev.ossagent.events.Events;
import dev.ossagent.journal.JournalEntry;
import dev.ossagent.journal.JournaledPlan;
import dev.ossagent.journal.PlanRecord;
import dev.ossagent.log.JsonLine;
import java.util.ArrayList;
import java.util.List;

/** The events file's "plan" event for a journaled plan, as it is queued for upload. */
final class PlanEvent {
    private PlanEvent() {
    }

    static void write(Events events, JournaledPlan plan) {
        PlanRecord record = plan.record();
        List<JsonLine> files = new ArrayList<>();
        for (JournalEntry entry : plan.pending()) {
            files.add(Events.plannedFile(entry.path().toString(), entry.bucket(), entry.key(), entry.size()));
        }
        events.plan(record.run(), record.rank(), record.host() != null ? record.host() : LocalHost.name(),
                record.trainer(), record.modelPath(), files, plan.pendingBytes());
    }
}
