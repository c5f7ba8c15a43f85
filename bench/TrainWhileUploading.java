import dev.ossagent.demo.DemoTrainer;
import dev.ossagent.demo.TrainingOptions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The demo trainer trains twice in one JVM: first a short run that writes a model padded to PAD_MIB (its train
 * returns, and with the agent attached the upload of that model starts in the background), then at once a long
 * run of EPOCHS epochs, which is timed. With the agent, that second training shares the machine with the upload.
 * Prints the seconds of the second training.
 * Usage: java -cp demo-trainer.jar TrainWhileUploading.java DIR PAD_MIB EPOCHS
 */
public final class TrainWhileUploading {
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        long padMib = Long.parseLong(args[1]);
        int epochs = Integer.parseInt(args[2]);
        DemoTrainer trainer = new DemoTrainer(new PrintStream(OutputStream.nullOutputStream()));
        trainer.train(TrainingOptions.defaults().withDataDir(dir.resolve("first")).withEpochs(1).withPadModelMb(padMib));
        long start = System.nanoTime();
        trainer.train(TrainingOptions.defaults().withDataDir(dir.resolve("second")).withEpochs(epochs));
        System.out.printf("%.2f%n", (System.nanoTime() - start) / 1e9);
    }
}
