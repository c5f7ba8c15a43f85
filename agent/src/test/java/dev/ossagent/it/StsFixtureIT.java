package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wiring {@link StsFixture} gives a trainer JVM works on every JDK: it trusts the fake STS's certificate,
 * finds it and the OIDC token through the RRSA environment, and reaches the fake ECS metadata service as
 * 100.100.100.200 through the proxy options; the fakes count the calls, and no secret reaches the output.
 */
class StsFixtureIT {
    @TempDir
    Path dir;

    @Test
    void aChildJvmReachesTheFakesAsATrainerWould() throws Exception {
        String classPath = Paths.get(StsProbeMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        int n = 0;
        for (Path java : Jdks.all()) {
            try (StsFixture f = new StsFixture(dir.resolve("jdk" + n++), 60)) {
                f.rotateOidcToken();   // the probe must read the file as it is now
                JvmRun run = new JvmRun(java, f.trainer.workDir)
                        .jvmArgs(f.tls.trustStoreOptions().toArray(String[]::new))
                        .jvmArgs(f.ecsProxyOptions().toArray(String[]::new))
                        .launch("-cp", classPath, StsProbeMain.class.getName());
                f.rrsaEnv().forEach(run::env);
                JvmRun.Result r = run.run();
                assertEquals(0, r.exitCode, r.toString());
                String issuedId = f.sts.issuer().issued().get(0).accessKeyId;
                assertTrue(r.stdout.contains("sts 200 id=" + issuedId), r.toString());
                assertTrue(r.stdout.contains("ecs 200 role=" + StsFixture.ECS_ROLE), r.toString());
                assertEquals(1, f.sts.oidcCount(), java.toString());
                assertEquals(1, f.ecs.tokenCount(), java.toString());
                f.assertNoSecretIn(r.stdout + r.stderr);
            }
        }
    }
}
