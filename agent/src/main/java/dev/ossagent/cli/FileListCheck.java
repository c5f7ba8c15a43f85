package dev.ossagent.cli;

import static dev.ossagent.config.SettingNames.DATA_FILES;
import static dev.ossagent.config.SettingNames.MODEL_FILES;

import dev.ossagent.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code test}: the file list entries that match no file, resolved as the agent resolves them (against the working
 * directory, placeholders filled in). Data files are the training's input, so they are checked always; model files
 * are written by the training, so they (and any entry with {@code ${model}} or {@code ${modelDir}}) are checked
 * only against a model path given with {@code --model}.
 */
final class FileListCheck {
    private final Settings settings;
    private final Path workingDir;
    private final Path model;

    FileListCheck(Settings settings, Path workingDir, String model) {
        this.settings = settings;
        this.workingDir = workingDir;
        this.model = model == null ? null : workingDir.resolve(model).normalize();
    }

    List<String> unmatched() {
        List<String> problems = new ArrayList<>();
        if (model != null) {
            check(MODEL_FILES, settings.modelFiles(), problems);
        }
        check(DATA_FILES, settings.dataFiles(), problems);
        return problems;
    }

    private void check(String setting, List<String> entries, List<String> problems) {
        for (String entry : entries) {
            boolean needsModel = entry.contains("${model}") || entry.contains("${modelDir}");
            if (needsModel && model == null) {
                continue; // known only when train returns; test --model PATH checks it now
            }
            String expanded = entry;
            if (model != null) {
                Path dir = model.getParent() == null ? model : model.getParent();
                expanded = expanded.replace("${modelDir}", dir.toString()).replace("${model}", model.toString());
            }
            expanded = settings.run().expand(expanded);
            Path path = workingDir.resolve(expanded).normalize();
            if (!Files.exists(path)) {
                problems.add(setting + " entry \"" + entry + "\" matches nothing (" + path + " does not exist)");
            }
        }
    }
}
