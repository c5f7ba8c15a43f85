package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Credential problems in a real JVM: a tier that is half set or broken is one warning when a later
 * tier still signs; when none does, one line lists every tier tried. The trainer never notices.
 */
class BadCredentialsIT {
    @TempDir
    Path dir;

    static List<Path> jdks() {
        return Jdks.all();
    }

    private static JvmRun.Result run(TrainerFixture fixture, Path java, String... env) throws Exception {
        JvmRun with = fixture.trainer(java, "--epochs", "1");
        for (int i = 0; i < env.length; i += 2) {
            with.env(env[i], env[i + 1]);
        }
        return Unchanged.trainer(fixture.trainerWithoutAgent(java, "--epochs", "1"), with);
    }

    private static void assertUploaded(TrainerFixture fixture) throws Exception {
        assertEquals(TrainerFixture.sha256(fixture.workDir.resolve("models/rssm_model.pt")),
                fixture.storedSha256(TrainerFixture.MODEL_BUCKET, "models/rssm_model.pt"));
    }

    private static List<String> linesWith(String stderr, String text) {
        return Unchanged.problems(stderr).stream().filter(line -> line.contains(text)).collect(Collectors.toList());
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void noTierYieldsCredentialsListsEveryTierInOrder(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            Files.delete(dir.resolve("AccessKey.csv"));
            JvmRun.Result result = run(fixture, java);
            assertEquals(List.of("ERROR no credentials: environment (OSS_ACCESS_KEY_ID/OSS_ACCESS_KEY_SECRET,"
                    + " ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET, ALIYUN_ACCESS_KEY_ID/ALIYUN_ACCESS_KEY_SECRET"
                    + " not set), RRSA (ALIBABA_CLOUD_ROLE_ARN not set), AccessKey.csv (" + dir.resolve("AccessKey.csv")
                    + ": not found), settings file (" + fixture.settingsFile + ": no access_key_id/access_key_secret),"
                    + " CLI profile (disabled by ALIBABA_CLOUD_CLI_PROFILE_DISABLED), credentials file ("
                    + Path.of(System.getProperty("user.home"), ".alibabacloud", "credentials.ini") + ": not found),"
                    + " ECS RAM role (disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED), credentials URI"
                    + " (ALIBABA_CLOUD_CREDENTIALS_URI not set); set OSS_ACCESS_KEY_ID and"
                    + " OSS_ACCESS_KEY_SECRET, or provide an AccessKey.csv"), linesWith(result.stderr, "credentials"));
            assertEquals(0, fixture.server.requestCount());
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void envFamilyHalfSetIsOneWarningAndTheCsvSigns(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            JvmRun.Result result = run(fixture, java, "OSS_ACCESS_KEY_ID", "LTAI-TESTHALFSET0001");
            assertEquals(List.of("WARN environment: OSS_ACCESS_KEY_ID is set but OSS_ACCESS_KEY_SECRET is not; ignoring"
                    + " the OSS_* family; used AccessKey.csv (" + dir.resolve("AccessKey.csv") + ") instead"),
                    Unchanged.problems(result.stderr));
            assertUploaded(fixture);
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void envFamilySetToEmptyStringsIsOneWarningAndTheCsvSigns(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            JvmRun.Result result = run(fixture, java, "ALIBABA_CLOUD_ACCESS_KEY_ID", "", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "");
            assertEquals(List.of("WARN environment: ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are set"
                    + " to an empty string; treating the ALIBABA_CLOUD_* family as unset; used AccessKey.csv ("
                    + dir.resolve("AccessKey.csv") + ") instead"), Unchanged.problems(result.stderr));
            assertUploaded(fixture);
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void semicolonSeparatedCsvWithNoOtherTierIsOneLine(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            Path csv = dir.resolve("AccessKey.csv");
            Files.writeString(csv, "AccessKey ID;AccessKey Secret\n" + SecretWatch.KEY_ID + ";" + SecretWatch.SECRET + "\n");
            JvmRun.Result result = run(fixture, java);
            List<String> lines = linesWith(result.stderr, "credentials");
            assertEquals(1, lines.size(), result.stderr);
            assertTrue(lines.get(0).contains("AccessKey.csv (" + csv + ": looks semicolon-separated; the console's file"
                    + " is comma-separated)"), lines.get(0));
            assertEquals(0, fixture.server.requestCount());
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void worldReadableCsvIsWarnedAboutAsSshDoes(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            Path csv = dir.resolve("AccessKey.csv");
            Files.setPosixFilePermissions(csv, PosixFilePermissions.fromString("rw-r--r--"));
            JvmRun.Result result = run(fixture, java);
            assertEquals(List.of("WARN " + csv + " holds a secret and is readable by others (mode 0644); run chmod 600 "
                    + csv), Unchanged.problems(result.stderr));
            assertUploaded(fixture);
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void groupReadableSettingsFileHoldingTheSecretIsWarnedAbout(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            Files.delete(dir.resolve("AccessKey.csv"));
            fixture.writeSettings("access_key_id = " + SecretWatch.KEY_ID + "\naccess_key_secret = " + SecretWatch.SECRET);
            Files.setPosixFilePermissions(fixture.settingsFile, PosixFilePermissions.fromString("rw-r-----"));
            JvmRun.Result result = run(fixture, java);
            assertEquals(List.of("WARN " + fixture.settingsFile + " holds a secret and is readable by its group (mode 0640);"
                    + " run chmod 600 " + fixture.settingsFile), Unchanged.problems(result.stderr));
            assertTrue(result.stderr.contains("credentials: settings file (" + fixture.settingsFile + "), id ****0001"),
                    result.stderr);
            assertUploaded(fixture);
        }
    }

    /** As root the JVM runs as user nobody (see {@link Unprivileged}), so the mode-600 root-owned CSV is unreadable. */
    @ParameterizedTest
    @MethodSource("jdks")
    void unreadableCsvIsNamedInTheOneLine(Path java) throws Exception {
        try (TrainerFixture fixture = new TrainerFixture(dir)) {
            Unprivileged as = Unprivileged.in(dir, java);
            Path csv = dir.resolve("AccessKey.csv");
            Unprivileged.chmod(csv, "---------");
            JvmRun.Result result = Unchanged.trainer(as.demoWithoutAgent(), as.demo("=" + fixture.settingsFile));
            List<String> lines = linesWith(result.stderr, "credentials");
            assertEquals(1, lines.size(), result.stderr);
            assertTrue(lines.get(0).contains("AccessKey.csv (" + csv + ": cannot be read (permission denied))"), lines.get(0));
            assertEquals(0, fixture.server.requestCount());
        }
    }
}
