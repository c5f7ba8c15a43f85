package dev.ossagent.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTrainerTest {

    private static final Pattern EPOCH_LINE = Pattern.compile("epoch (\\d+) loss (\\d+\\.\\d{6})");

    @TempDir
    Path tmp;

    private record Run(String modelPath, String stdout) {
    }

    /** Trains with stdout captured. */
    private static Run train(TrainingOptions options) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        String model = new DemoTrainer(out).train(options);
        return new Run(model, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void writesTheThreeFilesAndReturnsTheAbsoluteModelPath() throws IOException {
        Run run = train(TrainingOptions.defaults().withDataDir(tmp));

        Path model = tmp.resolve("models/rssm_model.pt");
        assertEquals(model.toAbsolutePath().toString(), run.modelPath());
        assertTrue(Path.of(run.modelPath()).isAbsolute());

        try (DataInputStream in = new DataInputStream(Files.newInputStream(model))) {
            assertEquals(Mlp.MAGIC, in.readInt());
            assertEquals(Mlp.VERSION, in.readInt());
            int inputs = in.readInt();
            int hidden = in.readInt();
            assertEquals(DemoTrainer.WINDOW, inputs);
            assertEquals(DemoTrainer.HIDDEN, hidden);
            long params = (long) hidden * inputs + hidden + hidden + 1;
            assertEquals(16 + 8 * params, Files.size(model));
        }
        try (DataInputStream in = new DataInputStream(Files.newInputStream(tmp.resolve("models/scaler.pkl")))) {
            assertEquals(Scaler.MAGIC, in.readInt());
            assertEquals(Scaler.VERSION, in.readInt());
            in.readDouble();
            assertTrue(in.readDouble() > 0, "std");
            assertEquals(-1, in.read());
        }
        String json = Files.readString(tmp.resolve("training_episodes.json"));
        assertTrue(json.startsWith("{\"seed\":42,\"episodes\":["), json.substring(0, 40));
        assertTrue(json.endsWith("]}\n"));
        assertEquals(DemoTrainer.EPISODES, json.split("\"id\":").length - 1);
    }

    @Test
    void printsOneLinePerEpochAndTheLossDecreases() {
        Run run = train(TrainingOptions.defaults().withDataDir(tmp).withEpochs(12));

        List<String> lines = run.stdout().lines().toList();
        assertEquals(12, lines.size());
        double first = Double.NaN;
        double last = Double.NaN;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = EPOCH_LINE.matcher(lines.get(i));
            assertTrue(m.matches(), lines.get(i));
            assertEquals(i + 1, Integer.parseInt(m.group(1)));
            last = Double.parseDouble(m.group(2));
            if (i == 0) {
                first = last;
            }
        }
        assertTrue(last < first / 3, "loss went from " + first + " to " + last);
    }

    @Test
    void sameOptionsGiveTheSameBytesAndTheSameStdout() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Run runA = train(TrainingOptions.defaults().withDataDir(a).withEpochs(5));
        Run runB = train(TrainingOptions.defaults().withDataDir(b).withEpochs(5));

        assertEquals(runA.stdout(), runB.stdout());
        for (String file : new String[] {"models/rssm_model.pt", "models/scaler.pkl", "training_episodes.json"}) {
            assertArrayEquals(Files.readAllBytes(a.resolve(file)), Files.readAllBytes(b.resolve(file)), file);
        }
    }

    @Test
    void padsTheModelToExactlyTheRequestedMebibytes() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        train(TrainingOptions.defaults().withDataDir(a).withEpochs(1).withPadModelMb(3));
        train(TrainingOptions.defaults().withDataDir(b).withEpochs(1).withPadModelMb(3));

        Path model = a.resolve("models/rssm_model.pt");
        assertEquals(3L * 1024 * 1024, Files.size(model));
        assertArrayEquals(Files.readAllBytes(model), Files.readAllBytes(b.resolve("models/rssm_model.pt")));
        try (DataInputStream in = new DataInputStream(Files.newInputStream(model))) {
            assertEquals(Mlp.MAGIC, in.readInt());
        }
    }

    @Test
    void throwRequestedThrowsAndWritesNothing() {
        DemoTrainer trainer = new DemoTrainer(new PrintStream(new ByteArrayOutputStream(), true));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> trainer.train(TrainingOptions.defaults().withDataDir(tmp.resolve("out")).withThrow(true)));
        assertEquals("training diverged (requested by --throw)", e.getMessage());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void noopReturnsTheModelPathAndWritesNothing() {
        Run run = train(TrainingOptions.defaults().withDataDir(tmp.resolve("out")).withNoop(true));

        assertEquals(tmp.resolve("out/models/rssm_model.pt").toAbsolutePath().toString(), run.modelPath());
        assertEquals("", run.stdout());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void subclassTrainerDelegatesToSuper() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String model = new SubclassTrainer(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .train(TrainingOptions.defaults().withDataDir(tmp).withEpochs(2));

        assertTrue(Files.size(Path.of(model)) > 0);
        assertEquals(2, bytes.toString(StandardCharsets.UTF_8).lines().count());
    }
}
