package dev.ossagent.preemption;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads what ECS answers at {@code instance/spot/termination-time}: a UTC time such as
 * {@code 2026-12-06T18:02:00Z}. A time in the past, an unparseable one or an answer over 1 KiB still means a
 * reclaim is scheduled: the deadline is then "now", and {@link #problem} says why, in one line.
 */
final class TerminationTime {
    static final int MAX_ANSWER = 1024;

    final Instant deadline;
    final String problem;

    private TerminationTime(Instant deadline, String problem) {
        this.deadline = deadline;
        this.problem = problem;
    }

    /** @param body the answer, as read (perhaps cut just over {@link #MAX_ANSWER}); not empty */
    static TerminationTime parse(String body, Instant now) {
        if (body.length() > MAX_ANSWER) {
            return new TerminationTime(now, "the spot termination time answered is over 1 KiB; taking the notice"
                    + " as due now");
        }
        String text = body.trim();
        Instant time;
        try {
            time = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                time = Instant.parse(text);
            } catch (DateTimeParseException again) {
                return new TerminationTime(now, "the spot termination time " + shown(text) + " is not a time;"
                        + " taking the notice as due now");
            }
        }
        if (time.isBefore(now)) {
            return new TerminationTime(now, "the spot termination time " + text + " is in the past; taking the"
                    + " notice as due now");
        }
        return new TerminationTime(time, null);
    }

    /** At most a line's worth, with control characters shown, never the raw bytes. */
    private static String shown(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length() && i < 40; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.append(text.length() > 40 ? "...\"" : "\"").toString();
    }
}
