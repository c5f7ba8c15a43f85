package dev.ossagent.preemption;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * The order of a plan's files after a notice: model files before data files; within each, first the files that can
 * still finish by the deadline at the throughput of the last seconds (taken in plan order while the budget lasts),
 * then those that cannot: they still go (the deadline may be pessimistic), but only once every one that can is over.
 */
public final class RescueOrder {
    private RescueOrder() {
    }

    /**
     * The order as four groups: model files that fit, model files that do not, data files that fit, data files that
     * do not. A file is started only once the groups before its own are over, so one that cannot finish never shares
     * the bandwidth with one that can.
     *
     * @param bytesPerSecond recent throughput; 0 when unknown (then the order is only model before data)
     * @param secondsLeft    until the deadline
     */
    public static <T> List<List<T>> groups(List<T> files, Predicate<T> isModel, ToLongFunction<T> size,
                                           double bytesPerSecond, double secondsLeft) {
        double budget = bytesPerSecond > 0 ? bytesPerSecond * Math.max(0, secondsLeft) : Double.MAX_VALUE;
        List<List<T>> groups = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (boolean model : new boolean[] {true, false}) {
            for (T file : files) {
                if (isModel.test(file) != model) {
                    continue;
                }
                long bytes = size.applyAsLong(file);
                boolean fits = bytes <= budget;
                if (fits) {
                    budget -= bytes;
                }
                groups.get((model ? 0 : 2) + (fits ? 0 : 1)).add(file);
            }
        }
        return groups;
    }
}
