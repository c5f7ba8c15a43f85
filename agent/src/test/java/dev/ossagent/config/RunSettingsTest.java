package dev.ossagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.log.AgentLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs, ranks, and the per-object settings: parsing, validation, and the expanded prefixes. */
class RunSettingsTest {
    private static final String MINIMAL = "ossagent.target.class=com.example.Trainer\nossagent.model.bucket=models-bucket\n";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final Map<String, String> env = new HashMap<>();
    private final Properties system = new Properties();

    @BeforeEach
    void captureLog() {
        AgentLog.redirectForTests(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreLog() {
        AgentLog.redirectForTests(null);
    }

    private Settings load(String extra) throws Exception {
        Path file = dir.resolve("oss-agent.properties");
        Files.writeString(file, MINIMAL + extra);
        return Settings.parse(RawSettings.load(file.toString(), env, system));
    }

    private String error(String extra) {
        return assertThrows(SettingsException.class, () -> load(extra)).getMessage();
    }

    @Test
    void defaultsKeepTodaysKeys() throws Exception {
        Settings settings = load("");
        assertEquals("models/", settings.modelPrefix());
        assertEquals("training-data/", settings.dataPrefix());
        assertEquals("models/", settings.modelPrefixTemplate());
        assertTrue(settings.overwrite());
        assertNull(settings.latest());
        assertTrue(settings.tags().isEmpty());
        assertNull(settings.storageClass());
        assertNull(settings.encryption().algorithm());
        assertTrue(settings.uploadRanks().allows(null));
        assertTrue(settings.uploadRanks().allows(7));
        assertNull(settings.run().rank());
        assertEquals("generated", settings.run().idSource());
    }

    @Test
    void pinnedRunIdDateHostAndRankExpandInThePrefixes() throws Exception {
        env.put("OSSAGENT_RUN_ID", "exp-42");
        env.put("RANK", "3");
        Settings settings = load("ossagent.model.prefix=models/${run}/${rank}/\n"
                + "ossagent.data.prefix=data/${date}/${host}\n");
        assertEquals("models/exp-42/3/", settings.modelPrefix());
        assertEquals("models/${run}/${rank}/", settings.modelPrefixTemplate());
        assertEquals("ossagent.run.id", settings.run().idSource());
        String date = settings.run().date();
        assertTrue(date.matches("\\d{4}-\\d{2}-\\d{2}"), date);
        assertTrue(settings.dataPrefix().matches("data/" + date + "/[A-Za-z0-9._-]+/"), "the host is one segment: "
                + settings.dataPrefix());
    }

    @Test
    void launcherJobIdsInOrderAndTorchrunsDefaultIsNoId() throws Exception {
        env.put("SLURM_JOB_ID", "9911");
        env.put("TORCHELASTIC_RUN_ID", "none");
        assertEquals("9911", load("").run().id());
        env.put("TORCHELASTIC_RUN_ID", "elastic-7");
        assertEquals("elastic-7", load("").run().id());
        env.put("DLC_JOB_ID", "dlc1abc");
        assertEquals("dlc1abc", load("").run().id());
        assertEquals("DLC_JOB_ID", load("").run().idSource());
        system.setProperty("ossagent.run.id", "pinned");
        assertEquals("pinned", load("").run().id());
    }

    @Test
    void generatedRunIdSortsByTimeAndIsMadeOncePerRun() {
        Run run = new Run(null, null, () -> Instant.parse("2026-11-29T23:59:58Z").toEpochMilli(), Map.of(
                "HOSTNAME", "ignored-when-proc-has-it"));
        String id = run.id();
        assertTrue(id.matches("20261129T235958Z-[A-Za-z0-9_-]+-[0-9a-f]{4}"), id);
        assertEquals(id, run.id());
        assertEquals(id, run.expand("${run}"));
        assertEquals("2026-11-29", run.date());
        assertEquals("0", run.expand("${rank}"), "no rank known is rank 0");
    }

    @Test
    void placeholdersExpandInOnePassAndLeaveUnknownOnesAlone() {
        Run run = new Run(new RunId.Found("id-${rank}", "test"), 2, () -> 0L, Map.of());
        assertEquals("m/id-${rank}/2/x", run.expand("m/${run}/${rank}/x"));
        assertEquals("${nope}/2", run.expand("${nope}/${rank}"));
        assertEquals("unterminated ${run", run.expand("unterminated ${run"));
    }

    @Test
    void hostNamesAreMadeSafeForAKey() {
        assertEquals("node-1.example.com", LocalHost.sanitize("node-1.example.com"));
        assertEquals("a-b-c", LocalHost.sanitize("a/b c"));
        assertEquals("unknown", LocalHost.sanitize(""));
        assertEquals("unknown", LocalHost.sanitize(".."));
        assertEquals(LocalHost.MAX_CHARS, LocalHost.sanitize("x".repeat(300)).length());
    }

    @Test
    void badRunIdsAreOneLineNamingTheSettingOrVariable() throws Exception {
        system.setProperty("ossagent.run.id", "a/b");
        String slash = error("");
        assertTrue(slash.startsWith("ossagent.run.id=a/b cannot be a run id: it holds a /"), slash);
        system.setProperty("ossagent.run.id", "..");
        assertTrue(error("").contains("it is \"..\""));
        system.setProperty("ossagent.run.id", "x".repeat(129));
        assertTrue(error("").contains("longer than 128"));
        system.setProperty("ossagent.run.id", "a\nb");
        String control = error("");
        assertTrue(control.contains("a\\nb") && control.contains("control character"), control);
        assertFalse(control.contains("\n"));
        system.remove("ossagent.run.id");
        env.put("DLC_JOB_ID", "job/1");
        String variable = error("");
        assertTrue(variable.contains("DLC_JOB_ID=job/1") && variable.contains("set ossagent.run.id"), variable);
    }

    @Test
    void ranksComeFromTheSettingOrTheFirstLauncherVariable() throws Exception {
        env.put("SLURM_PROCID", "5");
        env.put("JSM_NAMESPACE_RANK", "9");
        assertEquals(5, load("").run().rank());
        env.put("PMI_RANK", "4");
        assertEquals(4, load("").run().rank());
        env.put("RANK", "1");
        assertEquals(1, load("").run().rank());
        assertEquals(8, load("ossagent.rank=8").run().rank());
        env.put("RANK", "one");
        String bad = error("");
        assertTrue(bad.startsWith("the environment variable RANK=one is not a rank"), bad);
        assertTrue(error("ossagent.rank=-1").startsWith("ossagent.rank=-1 is not a rank"));
    }

    @Test
    void uploadRanksIsAllOrAList() throws Exception {
        UploadRanks zero = load("ossagent.upload.ranks=0").uploadRanks();
        assertTrue(zero.allows(0));
        assertTrue(zero.allows(null), "no rank known counts as rank 0");
        assertFalse(zero.allows(1));
        UploadRanks some = load("ossagent.upload.ranks=0, 8").uploadRanks();
        assertTrue(some.allows(8));
        assertEquals("0,8", some.toString());
        assertTrue(load("ossagent.upload.ranks=ALL").uploadRanks().allows(3));
        assertTrue(error("ossagent.upload.ranks=first").startsWith("ossagent.upload.ranks=first is not all or a comma"));
    }

    @Test
    void prefixesAreCheckedAsWrittenAndOnceExpanded() {
        String unknown = error("ossagent.model.prefix=models/${runid}/");
        assertTrue(unknown.contains("uses ${runid}, which is not a placeholder here; known: ${run}, ${date}, ${host},"
                + " ${rank}"), unknown);
        assertTrue(error("ossagent.model.prefix=models/${model}/").contains("uses ${model}"));
        assertTrue(error("ossagent.data.files=${modelDir}/${epoch}.json").startsWith("ossagent.data.files="));
        assertTrue(error("ossagent.model.prefix=/models/${run}/").contains("it starts with /"));
    }

    @Test
    void fileListsMayUseTheRunsPlaceholders() throws Exception {
        Settings settings = load("ossagent.model.files=${modelDir}/${run}-${rank}.bin");
        assertEquals(List.of("${modelDir}/${run}-${rank}.bin"), settings.modelFiles());
    }

    @Test
    void overwriteAndLatest() throws Exception {
        Settings settings = load("ossagent.overwrite=false\nossagent.latest=models/LATEST.json");
        assertFalse(settings.overwrite());
        assertEquals("models/LATEST.json", settings.latest());
        assertTrue(error("ossagent.latest=models/").contains("it ends with /"));
        assertTrue(error("ossagent.latest=/LATEST.json").contains("it starts with /"));
        assertTrue(error("ossagent.latest=a/../LATEST.json").contains("\"..\" segment"));
        assertTrue(error("ossagent.overwrite=never").startsWith("ossagent.overwrite=never is not true or false"));
    }

    @Test
    void tagsWithinOssLimits() throws Exception {
        Map<String, String> tags = load("ossagent.tags=project=rssm, team=ml,empty=").tags();
        assertEquals(List.of("project", "team", "empty"), List.copyOf(tags.keySet()));
        assertEquals("", tags.get("empty"));
        StringBuilder eleven = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            eleven.append(i == 0 ? "" : ",").append("k").append(i).append("=v");
        }
        assertTrue(error("ossagent.tags=" + eleven).contains("has 11 tags; OSS allows at most 10"));
        assertTrue(error("ossagent.tags==v").contains("a tag has no key"));
        assertTrue(error("ossagent.tags=" + "k".repeat(129) + "=v").contains("longer than 128"));
        assertTrue(error("ossagent.tags=k=" + "v".repeat(257)).contains("longer than 256"));
        assertTrue(error("ossagent.tags=a=1,a=2").contains("given twice"));
        assertEquals(128, load("ossagent.tags=" + "k".repeat(128) + "=" + "v".repeat(256)).tags().keySet().iterator()
                .next().length());
    }

    @Test
    void storageClassAndEncryption() throws Exception {
        assertEquals("ColdArchive", load("ossagent.storage-class=coldarchive").storageClass());
        assertEquals("IA", load("ossagent.storage-class=ia").storageClass());
        assertTrue(error("ossagent.storage-class=Glacier").contains("is not an OSS storage class"));
        assertEquals("AES256", load("ossagent.sse=aes256").encryption().algorithm());
        assertEquals("SM4", load("ossagent.sse=SM4").encryption().algorithm());
        Encryption kms = load("ossagent.sse=KMS\nossagent.sse.kms-key-id=made-up-key-id").encryption();
        assertEquals("KMS", kms.algorithm());
        assertEquals("made-up-key-id", kms.kmsKeyId());
        assertTrue(error("ossagent.sse=DES").contains("is not AES256, KMS or SM4"));
        assertTrue(error("ossagent.sse=AES256\nossagent.sse.kms-key-id=k").contains("only with ossagent.sse=KMS"));
        assertTrue(error("ossagent.sse.kms-key-id=k").contains("ossagent.sse is not"));
    }
}
