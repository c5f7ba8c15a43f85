package dev.ossagent.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DemoArgsTest {

    @Test
    void defaults() {
        DemoArgs args = DemoArgs.parse();

        assertEquals(Path.of("demo-output"), args.options.dataDir());
        assertEquals(20, args.options.epochs());
        assertEquals(0, args.options.padModelMb());
        assertFalse(args.options.throwRequested());
        assertFalse(args.options.noop());
        assertFalse(args.exitAfterTrain);
        assertEquals(DemoArgs.Trainer.DEMO, args.trainer);
    }

    @Test
    void everyOption() {
        DemoArgs args = DemoArgs.parse("--data-dir", "x/y", "--epochs=3", "--pad-model-mb", "4096",
                "--throw", "--noop", "--exit-after-train", "--trainer", "recursive", "--depth", "7");

        assertEquals(Path.of("x/y"), args.options.dataDir());
        assertEquals(3, args.options.epochs());
        assertEquals(4096, args.options.padModelMb());
        assertTrue(args.options.throwRequested());
        assertTrue(args.options.noop());
        assertTrue(args.exitAfterTrain);
        assertEquals(DemoArgs.Trainer.RECURSIVE, args.trainer);
        assertEquals(7, args.depth);
        assertEquals(DemoArgs.Trainer.SUBCLASS, DemoArgs.parse("--trainer=subclass").trainer);
    }

    @Test
    void badInputIsRejectedWithAReason() {
        assertMessage("unknown option: --nope", "--nope");
        assertMessage("--epochs needs a value", "--epochs");
        assertMessage("--epochs must be an integer from 1 to 2147483647, got: 0", "--epochs", "0");
        assertMessage("--pad-model-mb must be an integer from 0 to 2147483647, got: -1", "--pad-model-mb", "-1");
        assertMessage("--trainer must be demo, subclass or recursive, got: big", "--trainer", "big");
        assertMessage("--noop takes no value", "--noop=yes");
    }

    private static void assertMessage(String expected, String... argv) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> DemoArgs.parse(argv)).getMessage());
    }
}
