package dev.ossagent.demo;

import java.nio.file.Path;
import java.nio.file.Paths;

/** Immutable options for {@link DemoTrainer#train(TrainingOptions)}; change one with the {@code with...} methods. */
public final class TrainingOptions {

    public static final Path DEFAULT_DATA_DIR = Paths.get("demo-output");
    public static final int DEFAULT_EPOCHS = 20;

    private final Path dataDir;
    private final int epochs;
    private final long padModelMb;
    private final boolean throwRequested;
    private final boolean noop;

    private TrainingOptions(Path dataDir, int epochs, long padModelMb, boolean throwRequested, boolean noop) {
        if (dataDir == null) {
            throw new IllegalArgumentException("dataDir must not be null");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (padModelMb < 0) {
            throw new IllegalArgumentException("padModelMb must not be negative, got " + padModelMb);
        }
        this.dataDir = dataDir;
        this.epochs = epochs;
        this.padModelMb = padModelMb;
        this.throwRequested = throwRequested;
        this.noop = noop;
    }

    /** ./demo-output, 20 epochs, no padding, no throw, no noop. */
    public static TrainingOptions defaults() {
        return new TrainingOptions(DEFAULT_DATA_DIR, DEFAULT_EPOCHS, 0, false, false);
    }

    public TrainingOptions withDataDir(Path value) {
        return new TrainingOptions(value, epochs, padModelMb, throwRequested, noop);
    }

    public TrainingOptions withEpochs(int value) {
        return new TrainingOptions(dataDir, value, padModelMb, throwRequested, noop);
    }

    /** Pad rssm_model.pt to exactly this many MiB (0: no padding). */
    public TrainingOptions withPadModelMb(long value) {
        return new TrainingOptions(dataDir, epochs, value, throwRequested, noop);
    }

    /** Make train throw before writing anything. */
    public TrainingOptions withThrow(boolean value) {
        return new TrainingOptions(dataDir, epochs, padModelMb, value, noop);
    }

    /** Make train return the model path without training or writing anything. */
    public TrainingOptions withNoop(boolean value) {
        return new TrainingOptions(dataDir, epochs, padModelMb, throwRequested, value);
    }

    public Path dataDir() {
        return dataDir;
    }

    public int epochs() {
        return epochs;
    }

    public long padModelMb() {
        return padModelMb;
    }

    public boolean throwRequested() {
        return throwRequested;
    }

    public boolean noop() {
        return noop;
    }

    @Override
    public String toString() {
        return "TrainingOptions[dataDir=" + dataDir + ", epochs=" + epochs + ", padModelMb=" + padModelMb
                + ", throw=" + throwRequested + ", noop=" + noop + "]";
    }
}
