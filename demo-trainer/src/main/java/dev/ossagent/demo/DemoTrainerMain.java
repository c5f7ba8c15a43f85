package dev.ossagent.demo;

/**
 * Runs one trainer, then prints {@code model: <path>} and returns (with {@code --exit-after-train} it then
 * calls {@code System.exit(0)} instead of returning). Bad arguments: usage on stderr, exit code 2. An exception from train propagates.
 */
public final class DemoTrainerMain {

    private DemoTrainerMain() {
    }

    public static void main(String[] args) {
        DemoArgs parsed;
        try {
            parsed = DemoArgs.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("demo-trainer: " + e.getMessage());
            System.err.println(DemoArgs.USAGE);
            System.exit(2);
            return;
        }
        if (parsed.help) {
            System.out.println(DemoArgs.USAGE);
            return;
        }

        Object model;
        switch (parsed.trainer) {
            case RECURSIVE:
                model = new RecursiveTrainer().train(parsed.options.dataDir(), parsed.depth);
                break;
            case SUBCLASS:
                model = new SubclassTrainer().train(parsed.options);
                break;
            default:
                model = new DemoTrainer().train(parsed.options);
                break;
        }
        System.out.println("model: " + model);
        if (parsed.exitAfterTrain) {
            System.exit(0);
        }
    }
}
