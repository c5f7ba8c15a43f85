package dev.ossagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Target classes, methods, path source and presets, as premain reads them (here from -D only). */
class TargetsTest {
    private static Targets targets(String... settings) throws SettingsException {
        Properties system = new Properties();
        for (int i = 0; i < settings.length; i += 2) {
            system.setProperty(settings[i], settings[i + 1]);
        }
        Map<String, String> env = new HashMap<>();
        return Targets.parse(RawSettings.withoutFile(env, system));
    }

    @Test
    void methodsAreACommaListAndClassesEndingInPlusMatchSubtypes() throws Exception {
        Targets targets = targets("ossagent.target.class", "com.example.Trainer, com.example.Base +",
                "ossagent.target.method", "fit, save");
        assertEquals("com.example.Trainer#fit,save, com.example.Base+#fit,save", targets.toString());
        TargetRule base = targets.rules().get(1);
        assertEquals("com.example.Base", base.className());
        assertTrue(base.subtypes());
        assertFalse(targets.rules().get(0).subtypes());
        assertEquals(List.of("fit", "save"), base.methods());
        assertEquals(TargetPath.AUTO, base.path());
    }

    @Test
    void pathSourceIsAutoReturnOrArgN() throws Exception {
        assertEquals(TargetPath.RETURN, targets("ossagent.target.class", "A", "ossagent.target.path", "return")
                .rules().get(0).path());
        assertEquals(2, targets("ossagent.target.class", "A", "ossagent.target.path", "ARG2").rules().get(0).path()
                .argument());
        SettingsException e = assertThrows(SettingsException.class,
                () -> targets("ossagent.target.class", "A", "ossagent.target.path", "arg0"));
        assertEquals("ossagent.target.path=arg0 is not a path source; write auto, return, or argN for the N-th"
                + " parameter (arg1 is the first)", e.getMessage());
    }

    @Test
    void aPresetStandsForItsLibrarysSaveMethodsAndCombinesWithExplicitTargets() throws Exception {
        Targets targets = targets("ossagent.preset", "xgboost4j, spark-ml", "ossagent.target.class", "com.example.Trainer");
        assertEquals("com.example.Trainer#train, ml.dmlc.xgboost4j.java.Booster#saveModel,"
                + " org.apache.spark.ml.util.MLWriter#save", targets.toString());
        assertEquals("preset xgboost4j", targets.rules().get(1).origin());
        assertEquals("smile.io.Write#object", targets("ossagent.preset", "smile").toString());
        assertEquals(2, targets("ossagent.preset", "smile").rules().get(0).path().argument());
        assertEquals("org.tribuo.Model#serializeToFile", targets("ossagent.preset", "Tribuo").toString());
        assertEquals("org.deeplearning4j.util.ModelSerializer#writeModel", targets("ossagent.preset", "dl4j").toString());
        assertEquals("ai.djl.Model+#save", targets("ossagent.preset", "djl").toString());
        assertTrue(targets("ossagent.preset", "djl").rules().get(0).subtypes());
    }

    @Test
    void anUnknownPresetNamesTheKnownOnes() {
        SettingsException e = assertThrows(SettingsException.class, () -> targets("ossagent.preset", "xgboost"));
        assertEquals("ossagent.preset=xgboost is not a known preset; the presets are xgboost4j, spark-ml, tribuo, smile, dl4j, djl"
                + " (or name the class with ossagent.target.class)", e.getMessage());
    }

    @Test
    void aClassEntryThatIsNotAClassNameIsRefused() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> targets("ossagent.target.class", "com.example.Trainer#train"));
        assertTrue(e.getMessage().startsWith("ossagent.target.class entry com.example.Trainer#train is not a class name"),
                e.getMessage());
        assertThrows(SettingsException.class, () -> targets("ossagent.target.class", "+"));
    }

    @Test
    void classNamesAreDotSeparatedJavaIdentifiers() {
        for (String good : new String[] {"Trainer", "com.example.Trainer", "com.example.Trainer$Inner", "_a.$b.模型"}) {
            assertTrue(Targets.isClassName(good), good);
        }
        for (String bad : new String[] {"", ".a", "a.", "a..b", "1a", "a b", "a/b", "a#train", "a\u0001b", "a.\u007fb"}) {
            assertFalse(Targets.isClassName(bad), bad);
        }
    }
}
