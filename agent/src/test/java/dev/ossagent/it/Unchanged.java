package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Runs a trainer with and without the agent and checks that the trainer could not tell the difference. */
public final class Unchanged {
    private Unchanged() {
    }

    /** Same exit code, same stdout, same stderr apart from the agent's own lines; returns the agent's run. */
    public static JvmRun.Result trainer(JvmRun without, JvmRun with) throws IOException, InterruptedException {
        JvmRun.Result plain = without.run();
        JvmRun.Result result = with.run();
        assertEquals(plain.exitCode, result.exitCode, "exit code\n" + result);
        assertEquals(plain.stdout, result.stdout, "stdout\n" + result);
        assertEquals(plain.stderr, TrainerFixture.withoutAgentLines(result.stderr), "the trainer's own stderr\n" + result);
        return result;
    }

    /** The agent's lines, without the {@code [oss-agent] } prefix. */
    public static List<String> agentLines(String stderr) {
        List<String> lines = new ArrayList<>();
        for (String line : stderr.split("\n")) {
            if (line.startsWith("[oss-agent] ")) {
                lines.add(line.substring("[oss-agent] ".length()));
            }
        }
        return lines;
    }

    /** The agent's WARN and ERROR lines. */
    public static List<String> problems(String stderr) {
        List<String> lines = new ArrayList<>();
        for (String line : agentLines(stderr)) {
            if (line.startsWith("WARN ") || line.startsWith("ERROR ")) {
                lines.add(line);
            }
        }
        return lines;
    }
}
