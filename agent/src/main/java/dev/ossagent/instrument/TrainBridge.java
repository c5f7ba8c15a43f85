package dev.ossagent.instrument;

/**
 * The one class the advice talks to ({@link TrainAdvice}). The advice reaches it by name through the
 * system class loader, which loaded the agent jar, so it works whatever loader defined the trainer;
 * its methods therefore take JDK types only. Nothing here may throw into the trainer.
 */
public final class TrainBridge {
    /** Nesting depth of woven calls on this thread: only the outermost call reaches the listener. */
    private static final ThreadLocal<int[]> DEPTH = new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
            return new int[1];
        }
    };

    private static volatile TrainListener listener;

    private TrainBridge() {
    }

    public static void setListener(TrainListener newListener) {
        listener = newListener;
    }

    /** Called by the enter advice of every woven method. */
    public static void enter() {
        DEPTH.get()[0]++;
    }

    /**
     * Called by the exit advice of every woven method, whether it returned or threw.
     *
     * @param trainerClass binary name of the declaring class
     * @param method       the method's name
     * @param descriptor   the method's JVM descriptor
     * @param arguments    the arguments, primitives boxed
     * @param returned     the returned value, boxed; null for void or when it threw
     * @param thrown       what it threw, or null
     */
    public static void exit(String trainerClass, String method, String descriptor, Object[] arguments,
                            Object returned, Throwable thrown) {
        int[] depth = DEPTH.get();
        depth[0]--;
        if (depth[0] > 0) {
            return;
        }
        DEPTH.remove();
        TrainListener current = listener;
        if (current == null) {
            return;
        }
        try {
            current.trainFinished(new TrainCall(trainerClass, method, descriptor, arguments, returned, thrown));
        } catch (Throwable t) {
            // Never into the trainer; the listener reports its own problems.
        }
    }
}
