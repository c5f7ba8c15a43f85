package dev.ossagent.trigger;

import dev.ossagent.config.SettingNames;
import dev.ossagent.journal.JournalEntry;
import dev.ossagent.journal.PlanRecord;
import dev.ossagent.journal.ResumeHint;
import dev.ossagent.log.ShellWord;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code upload} command that sends a plan's pending files by hand when the journal could not take the plan
 * (a full or unusable state dir), so nothing promises a {@code resume} that would find nothing. The prefixes are
 * pinned to the plan's own (resolved: {@code ${run}} and {@code ${date}} as they were), and a file uploaded as part
 * of a folder is given as that folder, so each file gets the object key the agent gave it.
 */
final class ByHandCommand {
    private ByHandCommand() {
    }

    static String of(Path settingsFile, PlanRecord record, List<JournalEntry> pending) {
        String modelPrefix = record.manifestKey() == null ? ""
                : record.manifestKey().substring(0, record.manifestKey().lastIndexOf('/') + 1);
        Set<Path> model = new LinkedHashSet<>();
        Set<Path> data = new LinkedHashSet<>();
        for (JournalEntry entry : pending) {
            boolean isModel = entry.bucket().equals(record.manifestBucket()) && entry.key().startsWith(modelPrefix);
            if (!isModel && record.dataPrefix() != null && entry.key().startsWith(record.dataPrefix())) {
                data.add(source(entry, record.dataPrefix()));
            } else {
                model.add(source(entry, isModel ? modelPrefix : ""));
            }
        }
        StringBuilder command = new StringBuilder(ResumeHint.javaJar()).append(" upload");
        if (settingsFile != null) {
            command.append(" --config ").append(ShellWord.of(settingsFile.toAbsolutePath()));
        }
        command.append(' ').append(ShellWord.of("-D" + SettingNames.MODEL_PREFIX + "=" + modelPrefix));
        if (!data.isEmpty()) {
            command.append(' ').append(ShellWord.of("-D" + SettingNames.DATA_PREFIX + "=" + record.dataPrefix()));
        }
        append(command, "--model", model);
        append(command, "--data", data);
        return command.toString();
    }

    /** What to give {@code upload} for the entry: its file, or the folder it was walked from (key = prefix + folder name + path). */
    private static Path source(JournalEntry entry, String prefix) {
        Path path = entry.path().toAbsolutePath();
        if (!entry.key().startsWith(prefix)) {
            return path;
        }
        String[] below = entry.key().substring(prefix.length()).split("/");
        Path source = path;
        for (int i = below.length - 1; i >= 0; i--) {
            if (source == null || source.getFileName() == null || !source.getFileName().toString().equals(below[i])) {
                return path; // not the folder layout upload would rebuild: the file itself
            }
            source = i == 0 ? source : source.getParent();
        }
        return source;
    }

    private static void append(StringBuilder command, String option, Set<Path> paths) {
        if (!paths.isEmpty()) {
            command.append(' ').append(option);
            for (Path path : paths) {
                command.append(' ').append(ShellWord.of(path));
            }
        }
    }
}
