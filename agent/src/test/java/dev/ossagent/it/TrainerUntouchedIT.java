package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Failures forced inside the agent by real means (broken settings, an unusable state folder, a
 * jar copy without the OSS SDK or without the bytecode library, a server that resets every
 * connection): each time the trainer's exit code, stdout and stderr (less the agent's own lines)
 * are those of a run without the agent, for a train that returns and for one that throws.
 */
class TrainerUntouchedIT {
    @TempDir
    Path dir;

    static List<Path> jdks() {
        return Jdks.all();
    }

    /**
     * One way of breaking the agent: the -javaagent argument, and what its stderr must say (at
     * upload time only when train returned, since a train that throws uploads nothing).
     */
    private record Breakage(String name, String agentArg, String expectedInStderr, boolean atUpload) {
        /** A train that throws reaches the agent only through the woven code: worth repeating for these. */
        boolean alsoWithThrowingTrain() {
            return name.startsWith("no ");
        }
    }

    private List<Breakage> breakages(TrainerFixture fixture) throws Exception {
        Path settings = fixture.settingsFile;
        List<Breakage> all = new ArrayList<>();
        Path malformed = Files.writeString(dir.resolve("malformed.properties"),
                Files.readString(settings) + "ossagent.model.prefix=C:\\uZZ\\models\n");
        all.add(new Breakage("malformed settings file", "-javaagent:" + Artifacts.agentJar() + "=" + malformed,
                "malformed.properties", false));

        Path stateFile = Files.writeString(dir.resolve("state-is-a-file"), "not a folder");
        Path badState = Files.writeString(dir.resolve("bad-state.properties"),
                Files.readString(settings) + "ossagent.state.dir=" + stateFile + "\n");
        all.add(new Breakage("state dir is a file", "-javaagent:" + Artifacts.agentJar() + "=" + badState, "[oss-agent]", false));

        Path noSdk = AgentJars.agentWithout(dir, "dev/ossagent/shaded/com/aliyun/");
        all.add(new Breakage("no OSS SDK in the jar", "-javaagent:" + noSdk + "=" + settings, "NoClassDefFoundError", true));
        Path noSdkSync = Files.writeString(dir.resolve("sync.properties"),
                Files.readString(settings) + "ossagent.upload.mode=sync\n");
        all.add(new Breakage("no OSS SDK in the jar, sync mode", "-javaagent:" + noSdk + "=" + noSdkSync,
                "NoClassDefFoundError", true));

        Path noByteBuddy = AgentJars.agentWithout(dir, "dev/ossagent/shaded/net/bytebuddy/");
        all.add(new Breakage("no bytecode library in the jar", "-javaagent:" + noByteBuddy + "=" + settings,
                "could not instrument dev.ossagent.demo.DemoTrainer", false));

        Path resets = Files.writeString(dir.resolve("resets.properties"),
                Files.readString(settings) + "ossagent.exit.timeout=1s\n");
        all.add(new Breakage("server resets every connection", "-javaagent:" + Artifacts.agentJar() + "=" + resets,
                "[oss-agent] ERROR", true));
        return all;
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void whateverBreaksInsideTheAgentTheTrainerRunsAsWithoutIt(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            for (String[] trainerArgs : List.of(new String[] {"--epochs", "1"}, new String[] {"--epochs", "1", "--throw"})) {
                JvmRun.Result plain = fixture.trainerWithoutAgent(java, trainerArgs).run();
                for (Breakage breakage : breakages(fixture)) {
                    boolean trainReturned = plain.exitCode == 0;
                    if (!trainReturned && !breakage.alsoWithThrowingTrain()) {
                        continue;
                    }
                    fixture.server.faults().resetRatio(breakage.name().startsWith("server resets") ? 1.0 : 0.0);
                    JvmRun.Result result = new JvmRun(java, dir).jvmArgs(breakage.agentArg())
                            .launch("-jar", Artifacts.trainerJar().toString())
                            .args("--data-dir", dir.toString()).args(trainerArgs).run();
                    String what = breakage.name() + " " + List.of(trainerArgs) + "\n" + result;

                    assertEquals(plain.exitCode, result.exitCode, what);
                    assertEquals(plain.stdout, result.stdout, what);
                    assertEquals(plain.stderr, TrainerFixture.withoutAgentLines(result.stderr), what);
                    if (trainReturned || !breakage.atUpload()) {
                        assertTrue(result.stderr.contains(breakage.expectedInStderr()), what);
                    }
                }
            }
        }
    }
}
