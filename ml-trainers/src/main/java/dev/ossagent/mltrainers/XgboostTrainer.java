package dev.ossagent.mltrainers;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;

/**
 * Trains a real XGBoost model (its native library from the xgboost4j jar) on a synthetic task and saves it
 * with {@code Booster#saveModel(String)}, as XGBoost4J users do, and once more to a stream.
 * Arguments: the model path.
 */
public final class XgboostTrainer {
    private XgboostTrainer() {
    }

    public static void main(String[] args) throws Exception {
        int rows = 500;
        int columns = 4;
        float[] features = new float[rows * columns];
        float[] labels = new float[rows];
        Random random = new Random(7);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                features[i * columns + j] = random.nextFloat();
            }
            labels[i] = features[i * columns] + features[i * columns + 1] > 1 ? 1 : 0;
        }
        DMatrix train = new DMatrix(features, rows, columns, Float.NaN);
        train.setLabel(labels);
        Map<String, Object> params = new HashMap<>();
        params.put("objective", "binary:logistic");
        params.put("max_depth", 3);
        params.put("nthread", 1);
        params.put("seed", 7);
        Booster booster = XGBoost.train(train, params, 20, new HashMap<String, DMatrix>(), null, null);
        booster.saveModel(args[0]);
        ByteArrayOutputStream inMemory = new ByteArrayOutputStream();
        booster.saveModel(inMemory);
        System.out.println("trained 20 rounds; saved " + args[0] + " and " + inMemory.size() + " bytes in memory");
    }
}
