package dev.ossagent.localoss;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** "METHOD /path?query -> status" lines, bounded so that a long-running demo server does not grow forever. */
final class RequestLog {
    private final int capacity;
    private final ArrayDeque<String> lines = new ArrayDeque<>();

    RequestLog(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    synchronized List<String> snapshot() {
        return new ArrayList<>(lines);
    }
}
