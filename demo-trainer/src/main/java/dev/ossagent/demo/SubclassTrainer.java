package dev.ossagent.demo;

import java.io.PrintStream;

/** A trainer whose {@code train} overrides {@link DemoTrainer#train} and calls {@code super.train}. */
public class SubclassTrainer extends DemoTrainer {

    public SubclassTrainer() {
        super();
    }

    public SubclassTrainer(PrintStream out) {
        super(out);
    }

    @Override
    public String train(TrainingOptions options) {
        return super.train(options);
    }
}
