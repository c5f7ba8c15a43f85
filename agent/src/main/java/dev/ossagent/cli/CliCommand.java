package dev.ossagent.cli;

import dev.ossagent.log.AgentLog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** A command: its failures become one {@code [oss-agent] ERROR} line on stderr and an exit code. */
abstract class CliCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common = new CommonOptions();

    final CliContext context;

    CliCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (CliException e) {
            AgentLog.error(e.getMessage());
            return e.exitCode();
        }
    }

    abstract int run() throws CliException;
}
