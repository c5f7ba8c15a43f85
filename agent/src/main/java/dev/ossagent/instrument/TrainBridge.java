package dev.ossagent.instrument;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The one class the advice talks to ({@link TrainAdvice}). The advice reaches it by name through the
 * system class loader, which loaded the agent jar, so it works whatever loader defined the trainer;
 * its methods therefore take JDK types only. Nothing here may throw into the trainer.
 */
public final class TrainBridge {
    /**
     * The woven calls in progress on this thread, innermost first: each finished call reaches the listener with
     * the ones that enclose it, which decides whether it is part of one of them ({@link TrainCall#enclosing()}).
     */
    private static final ThreadLocal<ArrayDeque<TrainCall.Enclosing>> CALLS =
            new ThreadLocal<ArrayDeque<TrainCall.Enclosing>>() {
                @Override
                protected ArrayDeque<TrainCall.Enclosing> initialValue() {
                    return new ArrayDeque<>();
                }
            };

    private static volatile TrainListener listener;

    private TrainBridge() {
    }

    public static void setListener(TrainListener newListener) {
        listener = newListener;
    }

    /**
     * Called by the enter advice of every woven method.
     *
     * @param method    the method's name
     * @param arguments its arguments as it was entered, primitives boxed
     */
    public static void enter(String method, Object[] arguments) {
        CALLS.get().push(new TrainCall.Enclosing(method, arguments));
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
        ArrayDeque<TrainCall.Enclosing> calls = CALLS.get();
        calls.poll();
        List<TrainCall.Enclosing> enclosing = List.of();
        if (calls.isEmpty()) {
            CALLS.remove();
        } else {
            enclosing = new ArrayList<>(calls.size());
            for (Iterator<TrainCall.Enclosing> it = calls.iterator(); it.hasNext(); ) {
                enclosing.add(it.next());
            }
        }
        TrainListener current = listener;
        if (current == null) {
            return;
        }
        try {
            current.trainFinished(new TrainCall(trainerClass, method, descriptor, arguments, returned, thrown,
                    enclosing));
        } catch (Throwable t) {
            // Never into the trainer; the listener reports its own problems.
        }
    }
}
