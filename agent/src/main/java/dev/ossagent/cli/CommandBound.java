package dev.ossagent.cli;

import dev.ossagent.config.Durations;
import dev.ossagent.config.SettingNames;
import dev.ossagent.config.SettingsException;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --timeout}: the longest a command runs, as {@code ossagent.exit.timeout} bounds the agent's wait at exit, so a
 * blackholed endpoint (connections accepted, nothing answered) ends the command instead of minutes of socket timeouts.
 */
final class CommandBound {
    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "Longest the command runs, e.g. 90s, 30m, 2h; 0: no bound. Default: ossagent.exit.timeout"
                    + " (30m unless set). Past it the command stops with exit code 13; run it again to continue"
                    + " (multipart uploads go on from their checkpoints).")
    String timeout;

    /** The bound, or null for none; {@code exitTimeout} when no --timeout was given (null: settings unreadable). */
    Duration bound(Duration exitTimeout) throws CliException {
        if (timeout == null) {
            return exitTimeout == null ? Duration.parse("PT30M") : zeroIsNone(exitTimeout);
        }
        try {
            return zeroIsNone(Durations.parse("--timeout", timeout));
        } catch (SettingsException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
    }

    /** Where the bound came from, for the line that says it was reached. */
    String source() {
        return timeout == null ? SettingNames.EXIT_TIMEOUT + ", as no --timeout was given" : "--timeout";
    }

    private static Duration zeroIsNone(Duration duration) {
        return duration.isZero() ? null : duration;
    }
}
