package dev.ossagent.instrument;

/**
 * The one class the advice talks to. The advice reaches it by name through the system class
 * loader, so it works whatever loader defined the trainer. Nothing here may throw into the trainer.
 */
public final class TrainBridge {
    /** Nesting depth of instrumented train calls on this thread: only the outermost call uploads. */
    private static final ThreadLocal<int[]> DEPTH = new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
            return new int[1];
        }
    };

    private static volatile ModelReturnListener listener;

    private TrainBridge() {
    }

    public static void setListener(ModelReturnListener newListener) {
        listener = newListener;
    }

    public static void enter() {
        DEPTH.get()[0]++;
    }

    public static void exit(Object returned, Throwable thrown, String trainerClass, String method) {
        int[] depth = DEPTH.get();
        depth[0]--;
        if (depth[0] > 0) {
            return;
        }
        depth[0] = 0;
        DEPTH.remove();
        ModelReturnListener current = listener;
        if (thrown != null || returned == null || current == null) {
            return;
        }
        try {
            current.modelReturned(returned, trainerClass, method);
        } catch (Throwable t) {
            // Never into the trainer; the listener reports its own problems.
        }
    }
}
