package dev.ossagent.instrument;

import java.util.List;
import java.util.function.Predicate;

/**
 * Warms the weaving path on a daemon thread while the trainer's framework starts: Byte Buddy's classes
 * loaded, the advice resolved, the weaving code run once ({@link TrainWeaver#warmUp()}), so that a target
 * class loading later is woven in milliseconds instead of hundreds of them. Only when a target class is
 * on the application class path, so that a JVM that will never load one (a build tool the agent is
 * attached to as well) loads no Byte Buddy class, and only when one of them was not woven by an earlier run
 * ({@link WeaveCache}): a class the cache holds needs no Byte Buddy. A daemon thread: it never delays exit; a
 * failure here is the real weave's to report.
 */
public final class WeaveWarmUp implements Runnable {
    private final List<String> targetClasses;
    private final Predicate<String> wovenBefore;

    private WeaveWarmUp(List<String> targetClasses, Predicate<String> wovenBefore) {
        this.targetClasses = targetClasses;
        this.wovenBefore = wovenBefore;
    }

    /** @param wovenBefore whether a class would come from the weave cache */
    public static void start(List<String> targetClasses, Predicate<String> wovenBefore) {
        Thread thread = new Thread(new WeaveWarmUp(targetClasses, wovenBefore), "oss-agent-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        try {
            if (anyToWeave()) {
                TrainWeaver.warmUp();
            }
        } catch (Throwable t) {
            // The weave of a target class meets the same problem and says so.
        }
    }

    /** A target class on the class path that the cache does not hold. */
    private boolean anyToWeave() {
        for (String name : targetClasses) {
            if (ClassPathProbe.has(name.replace('.', '/') + ".class") && !wovenBefore.test(name)) {
                return true;
            }
        }
        return false;
    }
}
