package dev.ossagent.it.compat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs the demo trainer's main, waits (bounded) until no thread named {@code oss-agent*} is left,
 * then prints every live thread's name and daemon flag and returns from main: the JVM must then end
 * on its own, with nothing of the agent or its SDK alive.
 * Usage: ExitCheckMain DEMO_ARGS...
 */
public final class ExitCheckMain {
    private static final long WAIT_MILLIS = 120_000;

    public static void main(String[] args) throws Exception {
        Class.forName("dev.ossagent.demo.DemoTrainerMain").getMethod("main", String[].class).invoke(null, (Object) args);
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!agentThreads().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        List<String> threads = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive()) {
                threads.add((thread.isDaemon() ? "daemon " : "user ") + thread.getName());
            }
        }
        Collections.sort(threads);
        for (String thread : threads) {
            System.out.println("thread: " + thread);
        }
    }

    private static List<String> agentThreads() {
        List<String> names = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive() && thread.getName().startsWith("oss-agent")) {
                names.add(thread.getName());
            }
        }
        return names;
    }
}
