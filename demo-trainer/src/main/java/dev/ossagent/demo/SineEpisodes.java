package dev.ossagent.demo;

import java.util.Random;

/** Synthetic training data: noisy sine waves with random amplitude, frequency and phase. */
final class SineEpisodes {

    final double[] amplitudes;
    final double[] frequencies;
    final double[] phases;
    /** values[episode][step] */
    final double[][] values;

    private SineEpisodes(int count, int length, Random random) {
        amplitudes = new double[count];
        frequencies = new double[count];
        phases = new double[count];
        values = new double[count][length];
        for (int e = 0; e < count; e++) {
            amplitudes[e] = 0.5 + random.nextDouble();
            frequencies[e] = 0.05 + 0.15 * random.nextDouble();
            phases[e] = 2 * Math.PI * random.nextDouble();
            for (int t = 0; t < length; t++) {
                // StrictMath: bit-identical results on every JDK and CPU.
                double clean = amplitudes[e] * StrictMath.sin(2 * Math.PI * frequencies[e] * t + phases[e]);
                values[e][t] = clean + 0.05 * random.nextGaussian();
            }
        }
    }

    static SineEpisodes generate(int count, int length, long seed) {
        return new SineEpisodes(count, length, new Random(seed));
    }

    int count() {
        return values.length;
    }
}
