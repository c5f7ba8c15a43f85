import java.util.Arrays;

/**
 * Times train() calls in-process: how long after its last instruction does train(...) return to its
 * caller? Without the agent that is a plain call; with it (async mode) the woven code hands the path
 * to the agent, which plans and queues the upload before train returns.
 * Usage: java TrainLatency MODEL_PATH CALLS PAUSE_MS      prints: first_us median_us p90_us min_us max_us
 */
public final class TrainLatency {
    /** The trainer: its train returns the path it is given, at once. */
    public static final class Trainer {
        public String train(String model) {
            return model;
        }
    }

    public static void main(String[] args) throws Exception {
        String model = args[0];
        int calls = Integer.parseInt(args[1]);
        long pauseMillis = Long.parseLong(args[2]);
        Trainer trainer = new Trainer();
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            String returned = trainer.train(model);
            nanos[i] = System.nanoTime() - start;
            if (returned != model) {
                throw new AssertionError("train returned something else");
            }
            // A trainer does not call train in a tight loop; leave the upload thread its turn.
            Thread.sleep(pauseMillis);
        }
        long first = nanos[0];
        long[] rest = Arrays.copyOfRange(nanos, 1, calls);
        Arrays.sort(rest);
        System.out.printf("%.1f %.1f %.1f %.1f %.1f%n", first / 1e3, median(rest) / 1e3,
                rest[(int) Math.ceil(rest.length * 0.9) - 1] / 1e3, rest[0] / 1e3, rest[rest.length - 1] / 1e3);
    }

    private static double median(long[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
