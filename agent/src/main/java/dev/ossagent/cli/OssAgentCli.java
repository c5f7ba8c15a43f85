package dev.ossagent.cli;

import dev.ossagent.log.AgentLog;
import dev.ossagent.log.Masking;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The command line of the same jar: {@code java -jar oss-agent.jar <command> [--config FILE] ...}.
 * Output (reports, tables, listings) goes to stdout in UTF-8; diagnostics to stderr, prefixed
 * {@code [oss-agent]}. Exit codes: see {@link ExitCodes}.
 */
@Command(name = "oss-agent", mixinStandardHelpOptions = true, versionProvider = OssAgentCli.Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "Command line of the oss-agent jar: check the setup, upload by hand, list, plan, resume what the"
                + " agent left, and download a run, with the same settings file and credential chain as"
                + " -javaagent:oss-agent.jar=oss-agent.properties; clean up incomplete multipart uploads."},
        footer = {"", "Run 'java -jar oss-agent.jar COMMAND --help' for a command's options and exit codes."})
public final class OssAgentCli implements Runnable {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        // Keys with spaces or Chinese characters must come out right whatever the platform charset.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        int code = run(CliContext.system(out), args);
        out.flush();
        System.exit(code);
    }

    /** Runs one command line in-process and returns its exit code (tests call this). */
    public static int run(CliContext context, String... args) {
        AgentLog.redirectForTests(context.err());
        try {
            String[] line = LeadingSettings.moved(args);
            return commandLine(context, line.length > 0 ? line[0] : null).execute(line);
        } finally {
            context.out().flush();
            context.err().flush();
            AgentLog.redirectForTests(null);
            AgentLog.textLines(); // in-process runs (tests) start from text again
        }
    }

    /**
     * @param first the first word of the command line: when it names a command, only that command's options are
     *              built (picocli reflects over every option of every command it is given, about 0.1 s of a fresh
     *              JVM's CPU for all seven); otherwise all of them, for the overview or picocli's error
     */
    static CommandLine commandLine(CliContext context, String first) {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("test", () -> new TestCommand(context));
        commands.put("upload", () -> new UploadCommand(context));
        commands.put("list", () -> new ListCommand(context));
        commands.put("plan", () -> new PlanCommand(context));
        commands.put("resume", () -> new ResumeCommand(context));
        commands.put("download", () -> new DownloadCommand(context));
        commands.put("clean", () -> new CleanCommand(context));
        CommandLine line = new CommandLine(new OssAgentCli());
        commands.forEach((name, command) -> {
            if (!commands.containsKey(first) || name.equals(first)) {
                line.addSubcommand(name, command.get());
            }
        });
        exitCodes(line, ExitCodes.help(false));
        for (CommandLine sub : line.getSubcommands().values()) {
            String name = sub.getCommandName();
            exitCodes(sub, name.equals("download") ? ExitCodes.downloadHelp() : name.equals("test") ? ExitCodes.testHelp()
                    : ExitCodes.help(!name.equals("plan")));
        }
        line.setOut(new PrintWriter(new OutputStreamWriter(context.out(), StandardCharsets.UTF_8), true));
        line.setErr(new PrintWriter(new OutputStreamWriter(context.err(), StandardCharsets.UTF_8), true));
        line.setParameterExceptionHandler(new UsageErrors());
        line.setExecutionExceptionHandler(new UnexpectedErrors());
        return line;
    }

    private static void exitCodes(CommandLine line, Map<String, String> codes) {
        line.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
    }

    /** Without a command: the overview. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code --version}: the jar manifest's Implementation-Version, {@code dev} when run from classes. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"oss-agent " + version() + " (Java " + System.getProperty("java.version") + ")"};
        }

        static String version() {
            String version = OssAgentCli.class.getPackage().getImplementationVersion();
            return version == null ? "dev" : version;
        }
    }

    /** A bad command line: one {@code [oss-agent] ERROR} line and where to look, exit 2. */
    static final class UsageErrors implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException e, String[] args) {
            CommandLine line = e.getCommandLine();
            // picocli quotes the word it could not use: a key pasted in the wrong place is not echoed.
            AgentLog.error(Masking.keysIn(e.getMessage()));
            String name = line.getCommandSpec().qualifiedName(" ");
            AgentLog.error("see: java -jar oss-agent.jar " + name.replaceFirst("^oss-agent ?", "")
                    + (name.equals("oss-agent") ? "" : " ") + "--help");
            return ExitCodes.USAGE;
        }
    }

    /** A bug or an unforeseen SDK error: one line naming the exception type, exit 1. */
    static final class UnexpectedErrors implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine line, ParseResult parseResult) {
            AgentLog.error(line.getCommandName() + ": unexpected " + e.getClass().getName()
                    + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())));
            return ExitCodes.FAILED;
        }

        private static String firstLine(String text) {
            int newline = text.indexOf('\n');
            return newline < 0 ? text : text.substring(0, newline);
        }
    }
}
