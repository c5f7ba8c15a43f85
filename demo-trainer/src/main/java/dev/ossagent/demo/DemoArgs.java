package dev.ossagent.demo;

import java.nio.file.Paths;

/** The command line of {@link DemoTrainerMain}, hand-parsed. Accepts {@code --flag value} and {@code --flag=value}. */
final class DemoArgs {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar demo-trainer.jar [options]",
            "  --data-dir DIR        where to write models/ and training_episodes.json (default ./demo-output)",
            "  --epochs N            training epochs, N >= 1 (default 20)",
            "  --pad-model-mb N      pad models/rssm_model.pt to exactly N MiB (default 0: no padding)",
            "  --trainer KIND        demo | subclass | recursive (default demo)",
            "  --depth N             recursion depth for --trainer recursive, 0 to 1000 (default 3);",
            "                        recursive uses only --data-dir and --depth",
            "  --throw               make train throw IllegalStateException before writing anything",
            "  --noop                return the model path without training or writing anything",
            "  --exit-after-train    after train returns and the model line is printed, call System.exit(0)",
            "  --help                print this message");

    enum Trainer { DEMO, SUBCLASS, RECURSIVE }

    TrainingOptions options = TrainingOptions.defaults();
    Trainer trainer = Trainer.DEMO;
    int depth = 3;
    boolean exitAfterTrain;
    boolean help;

    private DemoArgs() {
    }

    /** @throws IllegalArgumentException with a one-line reason when the arguments are bad */
    static DemoArgs parse(String... args) {
        DemoArgs result = new DemoArgs();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--help":
                case "-h":
                    result.help = true;
                    break;
                case "--throw":
                    result.options = result.options.withThrow(true);
                    break;
                case "--noop":
                    result.options = result.options.withNoop(true);
                    break;
                case "--exit-after-train":
                    result.exitAfterTrain = true;
                    break;
                case "--data-dir":
                case "--epochs":
                case "--pad-model-mb":
                case "--trainer":
                case "--depth":
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(name + " needs a value");
                        }
                        value = args[++i];
                    }
                    result.set(name, value);
                    continue;
                default:
                    throw new IllegalArgumentException("unknown option: " + arg);
            }
            if (value != null) {
                throw new IllegalArgumentException(name + " takes no value");
            }
        }
        return result;
    }

    private void set(String name, String value) {
        switch (name) {
            case "--data-dir":
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("--data-dir must not be empty");
                }
                options = options.withDataDir(Paths.get(value));
                break;
            case "--epochs":
                options = options.withEpochs(number(name, value, 1, Integer.MAX_VALUE));
                break;
            case "--pad-model-mb":
                options = options.withPadModelMb(number(name, value, 0, Integer.MAX_VALUE));
                break;
            case "--depth":
                depth = number(name, value, 0, 1000);
                break;
            case "--trainer":
                try {
                    trainer = Trainer.valueOf(value.toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--trainer must be demo, subclass or recursive, got: " + value);
                }
                break;
            default:
                throw new AssertionError(name);
        }
    }

    private static int number(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(name + " must be an integer from " + min + " to " + max + ", got: " + value);
    }
}
