package dev.ossagent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ossagent.config.TargetPath;
import java.io.File;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ossagent.target.path applied to real method shapes: decided from the signature, picked per call. */
class PathRuleTest {
    private static final String STRING = "java.lang.String";
    private static final String PATH = "java.nio.file.Path";

    private static PathRule auto(String returnType, String... parameters) {
        return PathRule.decide(TargetPath.AUTO, returnType, List.of(parameters));
    }

    @Test
    void autoTakesAReturnedPathWhenThereIsOne() {
        PathRule rule = auto(STRING, STRING);
        assertNull(rule.skipReason());
        assertEquals("/out/model.pt", rule.pick("/out/model.pt", new Object[] {"/data/train.csv"}));
    }

    @Test
    void autoFallsBackToTheFirstPathParameterWhenTheReturnIsNullOrNotAPath() {
        PathRule rule = auto("java.lang.Object", STRING, PATH);
        Path model = Path.of("/out/model.pt");
        assertSame(model, rule.pick(null, new Object[] {"name", model}));
        assertSame(model, rule.pick(Map.of("not", "a path"), new Object[] {"name", model}));
        assertEquals(2, rule.source(null));
    }

    @Test
    void autoOnAVoidSaveTakesThePathParameterBeforeAnyStringOne() {
        // DJL's Model#save(Path, String) and Smile's Write.object(obj, Path) shapes.
        assertEquals(1, auto("void", PATH, STRING).source(null));
        assertEquals(2, auto("void", "java.io.Serializable", PATH).source(null));
        assertEquals(2, auto("void", "java.lang.Object", "java.io.File", "boolean").source(null));
        // XGBoost4J's Booster#saveModel(String)
        assertEquals("/m.json", auto("void", STRING).pick(null, new Object[] {"/m.json"}));
    }

    @Test
    void anOverloadWithNoPathIsSkippedWithAReason() {
        assertEquals("writes to a java.io.OutputStream, not to a path",
                auto("void", OutputStream.class.getName()).skipReason());
        assertEquals("returns void and takes no path parameter (String, Path, File or URI)",
                auto("void", "int").skipReason());
        assertEquals("returns int and takes no path parameter (String, Path, File or URI)", auto("int").skipReason());
        // XGBoost4J's saveModel(OutputStream, String format): the String is a format, not a path.
        assertEquals("writes to a java.io.OutputStream, not to a path",
                auto("void", OutputStream.class.getName(), STRING).skipReason());
    }

    @Test
    void autoWithNoPathParameterStillHandsOverWhatWasReturnedForItsWarning() {
        PathRule rule = auto("java.lang.Object");
        Object notAPath = Map.of();
        assertSame(notAPath, rule.pick(notAPath, new Object[0]));
        assertNull(rule.pick(null, new Object[0]));
        assertEquals(-1, rule.source(null));
    }

    @Test
    void autoWithNeitherAPathTypeNorAPathParameterLooksAtWhateverObjectIsReturned() {
        PathRule rule = auto("com.example.Model", "int");
        Object model = new Object();
        assertSame(model, rule.pick(model, new Object[] {1}));
    }

    @Test
    void returnTakesOnlyTheReturnValue() {
        PathRule rule = PathRule.decide(TargetPath.RETURN, "java.lang.Object", List.of(PATH));
        assertEquals(0, rule.source(new File("/m")));
        assertEquals(-1, rule.source(null));
        assertEquals("returns void, not a path (ossagent.target.path=return)",
                PathRule.decide(TargetPath.RETURN, "void", List.of(PATH)).skipReason());
    }

    @Test
    void argNTakesTheNthParameterWhateverElseThereIs() {
        PathRule rule = PathRule.decide(TargetPath.argument(2), STRING, List.of(PATH, STRING));
        assertEquals("/second", rule.pick("/returned", new Object[] {Path.of("/first"), "/second"}));
        assertEquals("has no parameter 3 (ossagent.target.path=arg3)",
                PathRule.decide(TargetPath.argument(3), "void", List.of(PATH)).skipReason());
        assertEquals("takes an int as parameter 1, not a path (ossagent.target.path=arg1)",
                PathRule.decide(TargetPath.argument(1), "void", List.of("int")).skipReason());
    }
}
