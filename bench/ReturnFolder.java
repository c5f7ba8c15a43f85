/**
 * A trainer whose train(...) returns the folder it is given: with the agent attached (target class
 * ReturnFolder$Trainer) the whole folder is uploaded; the JVM exits once the upload is done (async mode).
 * Prints the milliseconds from train's return to the end of main (0 without the agent's wait, which happens
 * in the exit hook, so the script times the whole JVM instead).
 * Usage: java ReturnFolder FOLDER
 */
public final class ReturnFolder {
    public static final class Trainer {
        public String train(String folder) {
            return folder;
        }
    }

    public static void main(String[] args) {
        new Trainer().train(args[0]);
    }
}
