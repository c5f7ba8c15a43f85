package dev.ossagent.demo;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * A small real trainer: fits an {@link Mlp} to predict the next value of noisy sine waves, then writes
 * {@code <dataDir>/models/rssm_model.pt}, {@code <dataDir>/models/scaler.pkl} and
 * {@code <dataDir>/training_episodes.json}. Everything is deterministic: same options, same bytes, same stdout.
 */
public class DemoTrainer {

    public static final String MODEL_FILE = "rssm_model.pt";
    public static final String SCALER_FILE = "scaler.pkl";
    public static final String EPISODES_FILE = "training_episodes.json";
    public static final String MODELS_DIR = "models";

    static final long SEED = 42;
    static final int EPISODES = 16;
    static final int EPISODE_LENGTH = 64;
    static final int WINDOW = 8;
    static final int HIDDEN = 24;
    static final int BATCH = 16;
    static final double LEARNING_RATE = 0.05;
    private static final long MIB = 1024L * 1024L;

    private final PrintStream out;

    public DemoTrainer() {
        this(System.out);
    }

    /** @param out where the per-epoch {@code epoch N loss X} lines go */
    public DemoTrainer(PrintStream out) {
        this.out = out;
    }

    /**
     * Trains and writes the three files.
     *
     * @return the absolute path of {@code <dataDir>/models/rssm_model.pt}
     * @throws IllegalStateException when {@link TrainingOptions#throwRequested()}, before writing anything
     * @throws UncheckedIOException when a file cannot be written
     */
    public String train(TrainingOptions options) {
        Path dataDir = options.dataDir().toAbsolutePath().normalize();
        Path modelsDir = dataDir.resolve(MODELS_DIR);
        Path modelPath = modelsDir.resolve(MODEL_FILE);
        if (options.throwRequested()) {
            throw new IllegalStateException("training diverged (requested by --throw)");
        }
        if (options.noop()) {
            return modelPath.toString();
        }

        SineEpisodes episodes = SineEpisodes.generate(EPISODES, EPISODE_LENGTH, SEED);
        Scaler scaler = Scaler.fit(episodes.values);
        Windows data = Windows.of(scaler.transform(episodes.values), WINDOW);
        Mlp model = new Mlp(WINDOW, HIDDEN, new Random(SEED));
        fit(model, data, options.epochs());

        try {
            Files.createDirectories(modelsDir);
            writeModel(model, modelPath, options.padModelMb() * MIB);
            try (DataOutputStream s = dataStream(modelsDir.resolve(SCALER_FILE))) {
                scaler.writeTo(s);
            }
            try (Writer w = Files.newBufferedWriter(dataDir.resolve(EPISODES_FILE), StandardCharsets.UTF_8)) {
                EpisodesJson.write(w, episodes, SEED);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the training output under " + dataDir, e);
        }
        return modelPath.toString();
    }

    private void fit(Mlp model, Windows data, int epochs) {
        Random shuffle = new Random(SEED + 1);
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int epoch = 1; epoch <= epochs; epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = shuffle.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double sse = 0;
            for (int from = 0; from < order.length; from += BATCH) {
                sse += model.step(data, order, from, Math.min(from + BATCH, order.length), LEARNING_RATE);
            }
            out.println(String.format(Locale.ROOT, "epoch %d loss %.6f", epoch, sse / order.length));
        }
        out.flush();
    }

    /** The weights, then padding up to exactly {@code totalBytes} when that is positive. */
    private static void writeModel(Mlp model, Path path, long totalBytes) throws IOException {
        try (DataOutputStream s = dataStream(path)) {
            model.writeTo(s);
            if (totalBytes > 0) {
                long padding = totalBytes - s.size();
                if (padding < 0) {
                    throw new IllegalArgumentException("--pad-model-mb is smaller than the model itself");
                }
                PaddingBytes.write(s, padding, SEED);
            }
        }
    }

    private static DataOutputStream dataStream(Path path) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(path)));
    }
}
