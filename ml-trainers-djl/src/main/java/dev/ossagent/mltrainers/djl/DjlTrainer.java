package dev.ossagent.mltrainers.djl;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.nio.file.Paths;

/**
 * Trains a linear regression with DJL on its PyTorch engine (from the class path, with {@code ai.djl.offline=true}
 * nothing is downloaded) and saves it with {@code Model#save(Path, String)}, which writes
 * {@code <folder>/<name>-0000.params}. Arguments: the model folder.
 */
public final class DjlTrainer {
    private DjlTrainer() {
    }

    public static void main(String[] args) throws Exception {
        try (Model model = Model.newInstance("linear"); NDManager manager = NDManager.newBaseManager()) {
            model.setBlock(Linear.builder().setUnits(1).build());
            NDArray x = manager.randomUniform(0, 1, new Shape(256, 2));
            NDArray y = x.matMul(manager.create(new float[] {2f, -3f}, new Shape(2, 1))).add(1f);
            ArrayDataset data = new ArrayDataset.Builder().setData(x).optLabels(y).setSampling(32, false).build();
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.3f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(32, 2));
                for (int epoch = 0; epoch < 30; epoch++) {
                    for (Batch batch : trainer.iterateDataset(data)) {
                        EasyTrain.trainBatch(trainer, batch);
                        trainer.step();
                        batch.close();
                    }
                }
            }
            model.save(Paths.get(args[0]), "linear");
            System.out.println("trained on " + model.getNDManager().getEngine().getEngineName() + "; saved " + args[0]);
        }
    }
}
