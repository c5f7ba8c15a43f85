package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.it.compat.ConflictTrainerMain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A trainer with old, conflicting versions of the agent's libraries on its class path, and its own
 * log4j and logback set to DEBUG on stdout: it behaves the same with and without the agent, its
 * logs hold nothing of the agent, and the upload still works.
 */
class ConflictingLibrariesIT {
    @TempDir
    Path dir;

    static List<Path> jdks() {
        return Jdks.all();
    }

    private JvmRun conflictTrainer(Path java, TrainerFixture fixture, boolean withAgent) {
        List<Path> classPath = new ArrayList<>();
        classPath.add(CompatLibs.testClasses().resolve("compat-logging"));
        classPath.add(CompatLibs.testClasses());
        classPath.addAll(CompatLibs.jars("httpclient-", "httpcore-", "commons-logging-", "gson-", "jdom-",
                "byte-buddy-", "log4j-", "slf4j-api-", "logback-classic-", "logback-core-"));
        JvmRun run = new JvmRun(java, dir);
        if (withAgent) {
            run.jvmArgs(fixture.agentArg());
        }
        return run.launch("-cp", CompatLibs.classPath(classPath), ConflictTrainerMain.class.getName())
                .args(dir.toString());
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void oldLibrariesAndTheTrainersLoggingAreUntouchedAndTheUploadWorks(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            fixture.writeSettings("ossagent.target.class=dev.ossagent.it.compat.ConflictTrainer\n"
                    + "ossagent.model.files=${model}\nossagent.data.files=");
            JvmRun.Result plain = conflictTrainer(java, fixture, false).run();
            JvmRun.Result result = conflictTrainer(java, fixture, true).run();

            assertEquals(0, plain.exitCode, plain.toString());
            assertEquals(0, result.exitCode, result.toString());
            // The trainer got its own old versions and they worked.
            assertTrue(plain.stdout.contains("httpclient from httpclient-4.3.6.jar: 200 pong"), plain.stdout);
            assertTrue(plain.stdout.contains("gson from gson-2.2.4.jar: {\"epochs\":3,\"loss\":0.25}"), plain.stdout);
            assertTrue(plain.stdout.contains("jdom from jdom-1.1.3.jar: <model name=\"conflict\" />"), plain.stdout);
            assertTrue(plain.stdout.contains("byte-buddy from byte-buddy-1.14.12.jar: made by the trainer's byte-buddy"),
                    plain.stdout);
            assertTrue(plain.stdout.contains("log4j DEBUG dev.ossagent.it.compat.ConflictTrainerMain - commons-logging"
                    + " through org.apache.commons.logging.impl.Log4JLogger"), plain.stdout);
            assertTrue(plain.stdout.contains("logback DEBUG dev.ossagent.it.compat.ConflictTrainerMain - slf4j through"
                    + " ch.qos.logback.classic.LoggerContext"), plain.stdout);

            assertEquals(plain.stdout, result.stdout, "same output, logs included, with the agent");
            assertEquals(plain.stderr, TrainerFixture.withoutAgentLines(result.stderr));
            for (String agentName : List.of("[oss-agent]", "dev.ossagent.shaded", "aliyun", "OSSClient")) {
                assertFalse(result.stdout.contains(agentName), agentName + " in the trainer's logs:\n" + result.stdout);
            }
            assertTrue(result.stderr.contains("uploaded hktech-agent-models/models/conflict-model.bin"), result.stderr);
            assertEquals(TrainerFixture.sha256(dir.resolve("conflict-model.bin")),
                    fixture.storedSha256(TrainerFixture.MODEL_BUCKET, "models/conflict-model.bin"));
        }
    }
}
