package dev.ossagent.mltrainers.dl4j;

import java.io.File;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Trains a small Deeplearning4j network on XOR (ND4J's native CPU backend) and saves it with
 * {@code MultiLayerNetwork#save(File, boolean)}, which writes through {@code ModelSerializer.writeModel}.
 * Arguments: the model path.
 */
public final class Dl4jTrainer {
    private Dl4jTrainer() {
    }

    public static void main(String[] args) throws Exception {
        INDArray x = Nd4j.create(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        INDArray y = Nd4j.create(new double[][] {{0}, {1}, {1}, {0}});
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).updater(new Adam(0.1)).list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(4).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        for (int i = 0; i < 200; i++) {
            net.fit(x, y);
        }
        net.save(new File(args[0]), true);
        System.out.println("trained XOR to a loss of " + (net.score() < 0.01 ? "under" : "over") + " 0.01; saved "
                + args[0]);
    }
}
