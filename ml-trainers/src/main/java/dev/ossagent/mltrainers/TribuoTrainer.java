package dev.ossagent.mltrainers;

import java.nio.file.Paths;
import java.util.Random;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains a Tribuo logistic regression on a synthetic task and saves it with {@code Model#serializeToFile(Path)}.
 * Arguments: the model path.
 */
public final class TribuoTrainer {
    private TribuoTrainer() {
    }

    public static void main(String[] args) throws Exception {
        LabelFactory labels = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("synthetic", labels), labels);
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            double x = random.nextDouble();
            double y = random.nextDouble();
            data.add(new ArrayExample<>(new Label(x + y > 1 ? "high" : "low"), new String[] {"x", "y"},
                    new double[] {x, y}));
        }
        Model<Label> model = new LogisticRegressionTrainer().train(data);
        model.serializeToFile(Paths.get(args[0]));
        System.out.println("trained; saved " + args[0]);
    }
}
