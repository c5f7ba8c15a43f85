package dev.ossagent.preemption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What ECS answers at instance/spot/termination-time, good and bad: a bad one is "now" with one line. */
class TerminationTimeTest {
    private static final Instant NOW = Instant.parse("2026-12-06T18:00:00Z");

    @Test
    void aUtcTimeIsTheDeadline() {
        TerminationTime time = TerminationTime.parse("2026-12-06T18:02:00Z\n", NOW);
        assertEquals(Instant.parse("2026-12-06T18:02:00Z"), time.deadline);
        assertNull(time.problem);
        assertEquals(Instant.parse("2026-12-06T18:02:00Z"),
                TerminationTime.parse("2026-12-06T20:02:00+02:00", NOW).deadline);
    }

    @Test
    void aTimeInThePastIsNow() {
        TerminationTime time = TerminationTime.parse("2026-12-06T17:59:00Z", NOW);
        assertEquals(NOW, time.deadline);
        assertEquals("the spot termination time 2026-12-06T17:59:00Z is in the past; taking the notice as due now",
                time.problem);
    }

    @Test
    void anUnparseableTimeIsNowAndShownOnOneLine() {
        TerminationTime time = TerminationTime.parse("soon\n\u001b[2Jplease", NOW);
        assertEquals(NOW, time.deadline);
        assertEquals("the spot termination time \"soon??[2Jplease\" is not a time; taking the notice as due now",
                time.problem);
    }

    @Test
    void anAnswerOver1KiBIsNowAndNotShown() {
        TerminationTime time = TerminationTime.parse("2".repeat(1025), NOW);
        assertEquals(NOW, time.deadline);
        assertEquals("the spot termination time answered is over 1 KiB; taking the notice as due now", time.problem);
    }
}
