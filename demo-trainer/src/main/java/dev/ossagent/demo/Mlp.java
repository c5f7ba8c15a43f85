package dev.ossagent.demo;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;

/** A one-hidden-layer perceptron (tanh hidden, linear output) trained by mini-batch SGD on squared error. */
final class Mlp {

    /** "DTM1" */
    static final int MAGIC = 0x44544D31;
    static final int VERSION = 1;

    final int inputs;
    final int hidden;
    final double[] w1; // hidden x inputs, row-major
    final double[] b1;
    final double[] w2;
    double b2;

    Mlp(int inputs, int hidden, Random random) {
        this.inputs = inputs;
        this.hidden = hidden;
        w1 = new double[hidden * inputs];
        b1 = new double[hidden];
        w2 = new double[hidden];
        double scale1 = 1 / StrictMath.sqrt(inputs);
        for (int i = 0; i < w1.length; i++) {
            w1[i] = scale1 * random.nextGaussian();
        }
        double scale2 = 1 / StrictMath.sqrt(hidden);
        for (int j = 0; j < hidden; j++) {
            w2[j] = scale2 * random.nextGaussian();
        }
    }

    int parameterCount() {
        return w1.length + b1.length + w2.length + 1;
    }

    double predict(double[] x) {
        return forward(x, new double[hidden]);
    }

    /** Fills h with the hidden activations and returns the output. */
    private double forward(double[] x, double[] h) {
        double y = b2;
        for (int j = 0; j < hidden; j++) {
            double a = b1[j];
            int row = j * inputs;
            for (int i = 0; i < inputs; i++) {
                a += w1[row + i] * x[i];
            }
            h[j] = StrictMath.tanh(a);
            y += w2[j] * h[j];
        }
        return y;
    }

    /**
     * One SGD step on the samples order[from..to) of the given windows.
     *
     * @return the sum of squared errors of those samples before the step
     */
    double step(Windows data, int[] order, int from, int to, double learningRate) {
        double[] gw1 = new double[w1.length];
        double[] gb1 = new double[hidden];
        double[] gw2 = new double[hidden];
        double gb2 = 0;
        double[] h = new double[hidden];
        double sse = 0;
        for (int k = from; k < to; k++) {
            double[] x = data.inputs[order[k]];
            double err = forward(x, h) - data.targets[order[k]];
            sse += err * err;
            double dy = 2 * err;
            gb2 += dy;
            for (int j = 0; j < hidden; j++) {
                gw2[j] += dy * h[j];
                double da = dy * w2[j] * (1 - h[j] * h[j]);
                gb1[j] += da;
                int row = j * inputs;
                for (int i = 0; i < inputs; i++) {
                    gw1[row + i] += da * x[i];
                }
            }
        }
        double rate = learningRate / (to - from);
        for (int i = 0; i < w1.length; i++) {
            w1[i] -= rate * gw1[i];
        }
        for (int j = 0; j < hidden; j++) {
            b1[j] -= rate * gb1[j];
            w2[j] -= rate * gw2[j];
        }
        b2 -= rate * gb2;
        return sse;
    }

    /**
     * rssm_model.pt (not a PyTorch file): big-endian int magic "DTM1", int version 1, int inputs, int hidden,
     * then doubles w1 (hidden x inputs, row-major), b1 (hidden), w2 (hidden), b2.
     */
    void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(inputs);
        out.writeInt(hidden);
        for (double v : w1) {
            out.writeDouble(v);
        }
        for (double v : b1) {
            out.writeDouble(v);
        }
        for (double v : w2) {
            out.writeDouble(v);
        }
        out.writeDouble(b2);
    }
}
