package dev.ossagent.preemption;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rescue order: model before data; within each, what fits the deadline at recent throughput first. */
class RescueOrderTest {
    /** "m" or "d", then the size in MB: "m300". */
    private static List<String> order(List<String> files, double mbPerSecond, double secondsLeft) {
        List<String> ordered = new java.util.ArrayList<>();
        RescueOrder.groups(files, name -> name.startsWith("m"), name -> Long.parseLong(name.substring(1)) * 1_000_000,
                mbPerSecond * 1_000_000, secondsLeft).forEach(ordered::addAll);
        return ordered;
    }

    @Test
    void modelFilesGoBeforeDataFiles() {
        assertEquals(List.of("m1", "m2", "d1", "d2"), order(List.of("d1", "m1", "d2", "m2"), 0, 10));
    }

    @Test
    void whatCanFinishByTheDeadlineGoesFirstAndTheRestStillGoesAfter() {
        // 100 MB/s for 10 s: 1000 MB of budget. m1200 cannot finish; m500 and m400 can, in plan order.
        assertEquals(List.of("m500", "m400", "m1200", "d50", "d900"),
                order(List.of("m1200", "m500", "d900", "m400", "d50"), 100, 10));
    }

    @Test
    void aDeadlineAlreadyPastKeepsThePlanOrderWithinEachKind() {
        assertEquals(List.of("m2", "m1", "d3"), order(List.of("m2", "d3", "m1"), 100, -5));
    }
}
