package dev.ossagent.demo;

import java.io.DataOutputStream;
import java.io.IOException;

/** Input normalisation: (x - mean) / std, fitted on all episode values. */
final class Scaler {

    /** "DSC1" */
    static final int MAGIC = 0x44534331;
    static final int VERSION = 1;

    final double mean;
    final double std;

    private Scaler(double mean, double std) {
        this.mean = mean;
        this.std = std;
    }

    static Scaler fit(double[][] series) {
        double sum = 0;
        long n = 0;
        for (double[] s : series) {
            for (double v : s) {
                sum += v;
                n++;
            }
        }
        double mean = sum / n;
        double squares = 0;
        for (double[] s : series) {
            for (double v : s) {
                squares += (v - mean) * (v - mean);
            }
        }
        double std = StrictMath.sqrt(squares / n);
        return new Scaler(mean, std == 0 ? 1 : std);
    }

    double[][] transform(double[][] series) {
        double[][] out = new double[series.length][];
        for (int i = 0; i < series.length; i++) {
            out[i] = new double[series[i].length];
            for (int j = 0; j < series[i].length; j++) {
                out[i][j] = (series[i][j] - mean) / std;
            }
        }
        return out;
    }

    /** scaler.pkl (not a pickle): big-endian int magic "DSC1", int version 1, double mean, double std. */
    void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeDouble(mean);
        out.writeDouble(std);
    }
}
