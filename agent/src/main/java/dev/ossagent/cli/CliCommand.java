package dev.ossagent.cli;

import dev.ossagent.config.Settings;
import dev.ossagent.log.AgentLog;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Mixin;

/**
 * A command: its failures become one {@code [oss-agent] ERROR} line on stderr and an exit code. It runs on a worker
 * thread bounded by {@code --timeout}: past the bound the command's thread is interrupted and left behind (a daemon;
 * the jar's main exits), and the command ends with {@link ExitCodes#TIMED_OUT}.
 */
abstract class CliCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Mixin
    CommandBound bound = new CommandBound();

    final CliContext context;

    CliCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public final Integer call() throws Exception {
        Duration limit;
        try {
            limit = bound.bound(exitTimeout());
        } catch (CliException e) {
            AgentLog.error(e.getMessage());
            return e.exitCode();
        }
        if (limit == null) {
            return reported();
        }
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                outcome.set(reported());
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "oss-agent-cli");
        worker.setDaemon(true);
        worker.start();
        worker.join(limit.toMillis());
        if (worker.isAlive()) {
            worker.interrupt();
            AgentLog.error("gave up after " + limit.getSeconds() + " s (" + bound.source() + "): the command did not"
                    + " finish in time; what it had not finished is not done, run it again to continue");
            return ExitCodes.TIMED_OUT;
        }
        Object result = outcome.get();
        if (result instanceof Exception) {
            throw (Exception) result;
        }
        if (result instanceof Error) {
            throw (Error) result;
        }
        return (Integer) result;
    }

    /** {@code ossagent.exit.timeout} as the settings give it; null when they cannot be read (run() will say why). */
    private Duration exitTimeout() {
        try {
            Settings settings = CliSettings.load(common, context);
            return settings.exitTimeout();
        } catch (CliException | RuntimeException e) {
            return null;
        }
    }

    private int reported() {
        try {
            return run();
        } catch (CliException e) {
            AgentLog.error(e.getMessage());
            return e.exitCode();
        }
    }

    abstract int run() throws CliException;
}
