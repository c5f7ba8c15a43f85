package dev.ossagent.cli;

/** "1 run", "2 runs", "0 objects": counts in the command line's summary lines. */
final class Plural {
    private Plural() {
    }

    static String of(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
