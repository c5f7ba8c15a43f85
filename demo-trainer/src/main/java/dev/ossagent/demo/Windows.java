package dev.ossagent.demo;

/** Supervised samples cut from series: each sliding window of {@code width} values predicts the next value. */
final class Windows {

    final double[][] inputs;
    final double[] targets;

    private Windows(double[][] inputs, double[] targets) {
        this.inputs = inputs;
        this.targets = targets;
    }

    static Windows of(double[][] series, int width) {
        int n = 0;
        for (double[] s : series) {
            n += Math.max(0, s.length - width);
        }
        double[][] inputs = new double[n][];
        double[] targets = new double[n];
        int k = 0;
        for (double[] s : series) {
            for (int start = 0; start + width < s.length; start++) {
                double[] x = new double[width];
                System.arraycopy(s, start, x, 0, width);
                inputs[k] = x;
                targets[k] = s[start + width];
                k++;
            }
        }
        return new Windows(inputs, targets);
    }

    int size() {
        return targets.length;
    }
}
