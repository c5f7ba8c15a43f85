package dev.ossagent.config;

import static dev.ossagent.config.SettingNames.PRESET;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ossagent.preset}: library names that stand for the methods those libraries save a model with.
 * Each preset was tried with its real library jar under the agent (see docs/save-methods.md, Presets).
 */
final class Presets {
    private static final Map<String, List<TargetRule>> PRESETS = new LinkedHashMap<>();

    static {
        // XGBoost4J: Booster#saveModel(String) (the Scala Booster delegates to it); the OutputStream overloads
        // have no path and are skipped with a note.
        define("xgboost4j", rule("ml.dmlc.xgboost4j.java.Booster", false, TargetPath.AUTO, "saveModel"));
        // Spark ML: every model's and pipeline's write().save(path) ends in MLWriter#save(String), on the driver;
        // it writes a folder. Its subclasses implement saveImpl, not save: no subtype matching needed.
        define("spark-ml", rule("org.apache.spark.ml.util.MLWriter", false, TargetPath.AUTO, "save"));
        // Tribuo 4.3+: Model#serializeToFile(Path), declared once in Model; serializeToStream has no path.
        define("tribuo", rule("org.tribuo.Model", false, TargetPath.AUTO, "serializeToFile"));
        // Smile: Write.object(obj, Path). Write.object(obj) returns a temporary file of its own: not watched (arg2).
        define("smile", rule("smile.io.Write", false, TargetPath.argument(2), "object"));
        // Deeplearning4j: ModelSerializer.writeModel(model, File|String, boolean[, normalizer]), which
        // MultiLayerNetwork#save and ComputationGraph#save call; the OutputStream overloads have no path.
        define("dl4j", rule("org.deeplearning4j.util.ModelSerializer", false, TargetPath.AUTO, "writeModel"));
        // DJL: Model#save(Path folder, String name), declared by the interface and implemented in BaseModel, which
        // every engine's model extends: matched as Model+ so any implementation is watched. Uploads the folder.
        define("djl", rule("ai.djl.Model", true, TargetPath.AUTO, "save"));
    }

    private Presets() {
    }

    private static void define(String name, TargetRule... rules) {
        List<TargetRule> named = new ArrayList<>();
        for (TargetRule rule : rules) {
            named.add(new TargetRule(rule.className(), rule.subtypes(), rule.methods(), rule.path(), "preset " + name));
        }
        PRESETS.put(name, Collections.unmodifiableList(named));
    }

    private static TargetRule rule(String className, boolean subtypes, TargetPath path, String... methods) {
        return new TargetRule(className, subtypes, Arrays.asList(methods), path, null);
    }

    /** The rules of the named presets, in order; an unknown name is an error naming the known ones. */
    static List<TargetRule> expand(List<String> names) throws SettingsException {
        List<TargetRule> rules = new ArrayList<>();
        for (String name : names) {
            List<TargetRule> preset = PRESETS.get(name.toLowerCase(Locale.ROOT));
            if (preset == null) {
                throw new SettingsException(PRESET + "=" + OneLine.of(name) + " is not a known preset; the presets are "
                        + String.join(", ", PRESETS.keySet()) + " (or name the class with " + SettingNames.TARGET_CLASS
                        + ")");
            }
            rules.addAll(preset);
        }
        return rules;
    }

    static List<String> names() {
        return new ArrayList<>(PRESETS.keySet());
    }
}
