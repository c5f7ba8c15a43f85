package dev.ossagent.mltrainers;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Fits a logistic regression with Spark MLlib in local mode (the driver and its executors in this JVM, on
 * loopback) and saves it with {@code model.write().save(folder)}, which writes a folder of files.
 * Arguments: the model folder.
 */
public final class SparkTrainer {
    private SparkTrainer() {
    }

    public static void main(String[] args) throws Exception {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("oss-agent-it")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
        try {
            List<Row> rows = new ArrayList<>();
            Random random = new Random(7);
            for (int i = 0; i < 200; i++) {
                double x = random.nextDouble();
                double y = random.nextDouble();
                rows.add(RowFactory.create(x + y > 1 ? 1.0 : 0.0, Vectors.dense(x, y)));
            }
            StructType schema = new StructType().add("label", DataTypes.DoubleType).add("features", new VectorUDT());
            Dataset<Row> data = spark.createDataFrame(rows, schema);
            LogisticRegressionModel model = new LogisticRegression().setMaxIter(10).fit(data);
            model.write().overwrite().save(args[0]);
            System.out.println("fitted; saved " + args[0]);
        } finally {
            spark.stop();
        }
    }
}
