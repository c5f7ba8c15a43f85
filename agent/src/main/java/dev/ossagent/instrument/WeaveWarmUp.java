package dev.ossagent.instrument;

import java.util.List;

/**
 * Warms the weaving path on a daemon thread while the trainer's framework starts: Byte Buddy's classes
 * loaded, the advice resolved, the weaving code run once ({@link TrainWeaver#warmUp()}), so that a target
 * class loading later is woven in milliseconds instead of hundreds of them. Only when a target class is
 * on the application class path, so that a JVM that will never load one (a build tool the agent is
 * attached to as well) loads no Byte Buddy class. A daemon thread: it never delays exit; a failure here
 * is the real weave's to report.
 */
public final class WeaveWarmUp implements Runnable {
    private final List<String> targetClasses;

    private WeaveWarmUp(List<String> targetClasses) {
        this.targetClasses = targetClasses;
    }

    public static void start(List<String> targetClasses) {
        Thread thread = new Thread(new WeaveWarmUp(targetClasses), "oss-agent-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        try {
            if (anyOnClassPath()) {
                TrainWeaver.warmUp();
            }
        } catch (Throwable t) {
            // The weave of a target class meets the same problem and says so.
        }
    }

    private boolean anyOnClassPath() {
        for (String name : targetClasses) {
            if (ClassLoader.getSystemResource(name.replace('.', '/') + ".class") != null) {
                return true;
            }
        }
        return false;
    }
}
