package dev.ossagent.credentials;

import dev.ossagent.log.LogCapture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static dev.ossagent.credentials.TestFiles.CONSOLE_CSV;
import static dev.ossagent.credentials.TestFiles.ID;
import static dev.ossagent.credentials.TestFiles.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CredentialChainTest {
    private static final String ENV_ID = "LTAI-TESTID00000002";
    private static final String ENV_SECRET = "test-secret-never-print-2";
    private static final String SETTINGS_ID = "LTAI-TESTID00000003";
    private static final String SETTINGS_SECRET = "test-secret-never-print-3";

    @TempDir
    Path dir;

    private LogCapture log;
    private Path settingsFile;

    @BeforeEach
    void setUp() throws IOException {
        log = new LogCapture();
        settingsFile = TestFiles.write(dir, "oss-agent.properties",
                "access_key_id = " + SETTINGS_ID + "\naccess_key_secret = " + SETTINGS_SECRET + "\n");
    }

    @AfterEach
    void release() {
        log.assertNoSecret();
        log.close();
    }

    private Path csv() throws IOException {
        return TestFiles.write(dir, "AccessKey.csv", CONSOLE_CSV);
    }

    private ResolvedCredentials resolve(Map<String, String> env, Path csv, boolean withSettings) throws Exception {
        CredentialChain chain = withSettings
                ? new CredentialChain(env, csv, settingsFile, SETTINGS_ID, SETTINGS_SECRET)
                : new CredentialChain(env, csv, settingsFile, null, null);
        ResolvedCredentials resolved = chain.resolve();
        log.assertNoSecret(resolved.source(), resolved.toString(), resolved.credentials().toString());
        return resolved;
    }

    private String resolveFails(Map<String, String> env, Path csv, Path settings, String id, String secret) {
        CredentialsException e = assertThrows(CredentialsException.class,
                () -> new CredentialChain(env, csv, settings, id, secret).resolve());
        log.assertNoSecret(e.getMessage(), e.toString());
        return e.getMessage();
    }

    private static void assertKey(ResolvedCredentials resolved, String id, String secret) {
        assertEquals(id, resolved.credentials().accessKeyId());
        assertEquals(secret, resolved.credentials().accessKeySecret());
    }

    @Test
    void csvUsedWhenNoEnvironment() throws Exception {
        Path csv = csv();
        ResolvedCredentials resolved = resolve(Map.of(), csv, true);
        assertKey(resolved, ID, SECRET);
        assertEquals("AccessKey.csv (" + csv.toAbsolutePath() + ")", resolved.source());
        assertEquals("", log.text(), "success logs nothing; the caller does");
    }

    @Test
    void environmentBeatsCsv() throws Exception {
        Map<String, String> env = Map.of("OSS_ACCESS_KEY_ID", ENV_ID, "OSS_ACCESS_KEY_SECRET", ENV_SECRET);
        ResolvedCredentials resolved = resolve(env, csv(), true);
        assertKey(resolved, ENV_ID, ENV_SECRET);
        assertEquals("environment (OSS_ACCESS_KEY_ID/OSS_ACCESS_KEY_SECRET)", resolved.source());
        assertNull(resolved.credentials().securityToken());
        assertEquals("", log.text());
    }

    @Test
    void environmentValuesAreTrimmed() throws Exception {
        Map<String, String> env = Map.of("OSS_ACCESS_KEY_ID", " " + ENV_ID + "\n", "OSS_ACCESS_KEY_SECRET", ENV_SECRET + " ",
                "OSS_SESSION_TOKEN", " test-token ");
        ResolvedCredentials resolved = resolve(env, null, false);
        assertKey(resolved, ENV_ID, ENV_SECRET);
        assertEquals("test-token", resolved.credentials().securityToken());
    }

    @Test
    void missingCsvFallsBackQuietly() throws Exception {
        Path missing = dir.resolve("AccessKey.csv");
        ResolvedCredentials resolved = resolve(Map.of(), missing, true);
        assertKey(resolved, SETTINGS_ID, SETTINGS_SECRET);
        assertEquals("", log.text(), "no CSV is a normal setup when the settings file holds the key");
    }

    @Test
    void badCsvFallsBackWithAWarningNamingFileAndProblem() throws Exception {
        Path csv = TestFiles.write(dir, "AccessKey.csv", CONSOLE_CSV + "LTAI-TESTID00000009,test-secret-never-print-9\n");
        ResolvedCredentials resolved = resolve(Map.of(), csv, true);
        assertKey(resolved, SETTINGS_ID, SETTINGS_SECRET);
        String text = log.text();
        assertTrue(text.contains("WARN AccessKey.csv " + csv.toAbsolutePath() + ": has 2 data rows; expected one"), text);
        assertTrue(text.trim().endsWith("; used settings file (" + settingsFile.toAbsolutePath() + ") instead"), text);
        assertEquals(1, text.trim().split("\n").length, text);
    }

    @Test
    void csvBeatsSettingsFile() throws Exception {
        assertKey(resolve(Map.of(), csv(), true), ID, SECRET);
    }

    @Test
    void settingsFileUsedLast() throws Exception {
        ResolvedCredentials resolved = resolve(Map.of(), null, true);
        assertKey(resolved, SETTINGS_ID, SETTINGS_SECRET);
        assertEquals("settings file (" + settingsFile.toAbsolutePath() + ")", resolved.source());
        assertEquals("", log.text());
    }

    @Test
    void groupReadableSettingsFileIsWarnedAboutWhenItSuppliedTheSecret() throws Exception {
        assumeTrue(TestFiles.posix());
        TestFiles.chmod(settingsFile, "rw-r-----");
        resolve(Map.of(), null, true);
        assertTrue(log.text().contains(settingsFile.toAbsolutePath()
                + " holds a secret and is readable by its group (mode 0640); run chmod 600"), log.text());
    }

    @Test
    void readableSettingsFileIsNotWarnedAboutWhenAnotherTierWon() throws Exception {
        assumeTrue(TestFiles.posix());
        TestFiles.chmod(settingsFile, "rw-r--r--");
        resolve(Map.of(), csv(), true);
        assertEquals("", log.text());
    }

    @Test
    void familyWithOnlyTheIdIsSkippedWithAWarningNamingTheMissingVariable() throws Exception {
        Map<String, String> env = Map.of("OSS_ACCESS_KEY_ID", ENV_ID,
                "ALIYUN_ACCESS_KEY_ID", "LTAI-TESTID00000004", "ALIYUN_ACCESS_KEY_SECRET", "test-secret-never-print-4");
        ResolvedCredentials resolved = resolve(env, csv(), true);
        assertKey(resolved, "LTAI-TESTID00000004", "test-secret-never-print-4");
        assertEquals("environment (ALIYUN_ACCESS_KEY_ID/ALIYUN_ACCESS_KEY_SECRET)", resolved.source());
        assertTrue(log.text().contains("WARN environment: OSS_ACCESS_KEY_ID is set but OSS_ACCESS_KEY_SECRET is not;"
                + " ignoring the OSS_* family"), log.text());
    }

    @Test
    void familyWithOnlyTheSecretIsSkipped() throws Exception {
        Map<String, String> env = Map.of("ALIBABA_CLOUD_ACCESS_KEY_SECRET", ENV_SECRET);
        assertKey(resolve(env, csv(), true), ID, SECRET);
        assertTrue(log.text().contains("ALIBABA_CLOUD_ACCESS_KEY_SECRET is set but ALIBABA_CLOUD_ACCESS_KEY_ID is not"),
                log.text());
    }

    @Test
    void familiesAreNeverMixed() {
        Map<String, String> env = Map.of("OSS_ACCESS_KEY_ID", ENV_ID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET", ENV_SECRET);
        String message = resolveFails(env, null, null, null, null);
        assertTrue(message.contains("OSS_ACCESS_KEY_ID/OSS_ACCESS_KEY_SECRET incomplete (OSS_ACCESS_KEY_SECRET not set)"),
                message);
    }

    @Test
    void familySetToEmptyStringsIsTreatedAsUnset() throws Exception {
        Map<String, String> env = Map.of("OSS_ACCESS_KEY_ID", "", "OSS_ACCESS_KEY_SECRET", "  ");
        assertKey(resolve(env, csv(), true), ID, SECRET);
        assertTrue(log.text().contains("WARN environment: OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET are set to an empty"
                + " string; treating the OSS_* family as unset"), log.text());
    }

    @Test
    void idSetWithEmptySecretNamesTheEmptyVariable() throws Exception {
        Map<String, String> env = Map.of("OSS_ACCESS_KEY_ID", ENV_ID, "OSS_ACCESS_KEY_SECRET", "");
        resolve(env, csv(), true);
        assertTrue(log.text().contains("OSS_ACCESS_KEY_ID is set but OSS_ACCESS_KEY_SECRET is empty"), log.text());
    }

    @Test
    void alibabaCloudFamilyWithToken() throws Exception {
        Map<String, String> env = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", ENV_ID,
                "ALIBABA_CLOUD_ACCESS_KEY_SECRET", ENV_SECRET, "ALIBABA_CLOUD_SECURITY_TOKEN", "test-sts-token");
        ResolvedCredentials resolved = resolve(env, csv(), true);
        assertKey(resolved, ENV_ID, ENV_SECRET);
        assertEquals("test-sts-token", resolved.credentials().securityToken());
        assertEquals("environment (ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET)", resolved.source());
    }

    @Test
    void ossFamilyBeatsAlibabaCloudFamily() throws Exception {
        Map<String, String> env = Map.of("OSS_ACCESS_KEY_ID", ENV_ID, "OSS_ACCESS_KEY_SECRET", ENV_SECRET,
                "ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI-TESTID00000005", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "test-secret-never-print-5");
        assertKey(resolve(env, null, false), ENV_ID, ENV_SECRET);
    }

    @Test
    void noTierListsEveryTierInOrder() {
        Path missing = dir.resolve("AccessKey.csv");
        String message = resolveFails(Map.of(), missing, settingsFile, null, null);
        assertEquals("no credentials: environment (OSS_ACCESS_KEY_ID/OSS_ACCESS_KEY_SECRET,"
                + " ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET,"
                + " ALIYUN_ACCESS_KEY_ID/ALIYUN_ACCESS_KEY_SECRET not set),"
                + " AccessKey.csv (" + missing.toAbsolutePath() + ": not found),"
                + " settings file (" + settingsFile.toAbsolutePath() + ": no access_key_id/access_key_secret);"
                + " set OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET, or provide an AccessKey.csv", message);
    }

    @Test
    void noTierNamesEachBrokenTiersProblem() throws Exception {
        Path csv = TestFiles.write(dir, "AccessKey.csv", "AccessKey ID,AccessKey Secret\n" + ID + ",\n");
        Map<String, String> env = Map.of("ALIYUN_ACCESS_KEY_SECRET", ENV_SECRET);
        String message = resolveFails(env, csv, settingsFile, SETTINGS_ID, null);
        assertTrue(message.startsWith("no credentials: environment (OSS_ACCESS_KEY_ID/OSS_ACCESS_KEY_SECRET not set,"
                + " ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET not set,"
                + " ALIYUN_ACCESS_KEY_ID/ALIYUN_ACCESS_KEY_SECRET incomplete (ALIYUN_ACCESS_KEY_ID not set)),"
                + " AccessKey.csv (" + csv.toAbsolutePath() + ": has an empty AccessKey Secret),"
                + " settings file (" + settingsFile.toAbsolutePath() + ": access_key_secret missing);"), message);
        assertEquals("", log.text(), "when no tier works, the one line of the exception says it all");
    }

    @Test
    void noTierWithAHalfSetFamilyIsStillOneLine() {
        String message = resolveFails(Map.of("OSS_ACCESS_KEY_ID", ENV_ID, "OSS_ACCESS_KEY_SECRET", ""), null, null,
                null, null);
        assertTrue(message.startsWith("no credentials: environment (OSS_ACCESS_KEY_ID/OSS_ACCESS_KEY_SECRET incomplete"
                + " (OSS_ACCESS_KEY_SECRET empty), "), message);
        assertEquals("", log.text());
    }

    @Test
    void noPathsConfigured() {
        String message = resolveFails(Map.of(), null, null, null, null);
        assertTrue(message.contains("AccessKey.csv (no path configured), settings file (none)"), message);
    }
}
