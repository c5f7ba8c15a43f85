package dev.ossagent.demo;

import java.io.IOException;
import java.io.Writer;

/**
 * training_episodes.json, hand-written:
 * {"seed":S,"episodes":[{"id":0,"amplitude":A,"frequency":F,"phase":P,"values":[...]}, ...]}
 * with one episode per line and numbers in Java's shortest round-trip form.
 */
final class EpisodesJson {

    private EpisodesJson() {
    }

    static void write(Writer out, SineEpisodes episodes, long seed) throws IOException {
        out.write("{\"seed\":" + seed + ",\"episodes\":[\n");
        for (int e = 0; e < episodes.count(); e++) {
            out.write("  {\"id\":" + e
                    + ",\"amplitude\":" + episodes.amplitudes[e]
                    + ",\"frequency\":" + episodes.frequencies[e]
                    + ",\"phase\":" + episodes.phases[e]
                    + ",\"values\":[");
            double[] values = episodes.values[e];
            for (int t = 0; t < values.length; t++) {
                if (t > 0) {
                    out.write(',');
                }
                out.write(Double.toString(values[t]));
            }
            out.write(e + 1 < episodes.count() ? "]},\n" : "]}\n");
        }
        out.write("]}\n");
    }
}
