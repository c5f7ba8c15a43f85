package dev.ossagent.mltrainers;

import java.nio.file.Paths;
import java.util.Random;
import smile.classification.DecisionTree;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.IntVector;
import smile.io.Write;

/**
 * Trains a Smile decision tree (pure Java: no native library) on a synthetic task and saves it with
 * {@code smile.io.Write.object(Serializable, Path)}, then with {@code Write.object(Serializable)}, which picks a
 * temporary file. Arguments: the model path.
 */
public final class SmileTrainer {
    private SmileTrainer() {
    }

    public static void main(String[] args) throws Exception {
        Random random = new Random(7);
        double[][] features = new double[300][2];
        int[] labels = new int[features.length];
        for (int i = 0; i < features.length; i++) {
            features[i][0] = random.nextDouble();
            features[i][1] = random.nextDouble();
            labels[i] = features[i][0] + features[i][1] > 1 ? 1 : 0;
        }
        DataFrame data = DataFrame.of(features, "x", "y").merge(IntVector.of("label", labels));
        DecisionTree tree = DecisionTree.fit(Formula.lhs("label"), data);
        int right = 0;
        for (int i = 0; i < features.length; i++) {
            right += tree.predict(data.get(i)) == labels[i] ? 1 : 0;
        }
        Write.object(tree, Paths.get(args[0]));
        System.out.println("trained a tree of " + tree.size() + " nodes, " + right + "/" + features.length
                + " right; saved " + args[0]);
        // The overload without a path saves to a temporary file (deleted at exit) through Write.object(obj, Path).
        Write.object(tree);
    }
}
