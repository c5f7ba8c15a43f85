package dev.ossagent.config;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The value of {@code ${run}}: {@code ossagent.run.id}, else the id a launcher gave the job (so every worker of a
 * job shares it), else one made once per JVM that sorts by time: {@code 20261129T043823Z-host-3f9a}.
 */
final class RunId {
    /** Launchers' job ids, first found wins. */
    static final String[] LAUNCHER_VARIABLES = {"DLC_JOB_ID", "TORCHELASTIC_RUN_ID", "SLURM_JOB_ID"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private RunId() {
    }

    /** An id and where it came from: the setting, or a launcher's variable. */
    static final class Found {
        final String id;
        final String source;

        Found(String id, String source) {
            this.id = id;
            this.source = source;
        }
    }

    /** The configured or launcher-given id, checked; null when none is set (one is then generated). */
    static Found configured(RawSettings raw) throws SettingsException {
        String value = raw.get(SettingNames.RUN_ID);
        if (value != null && !value.isEmpty()) {
            String problem = KeyPart.problem(value);
            if (problem != null) {
                throw new SettingsException(OneLine.setting(SettingNames.RUN_ID, value) + " cannot be a run id: "
                        + problem + "; use letters, digits, - and _");
            }
            return new Found(value, SettingNames.RUN_ID);
        }
        for (String variable : LAUNCHER_VARIABLES) {
            String id = raw.environment().get(variable);
            if (id == null || id.trim().isEmpty()) {
                continue;
            }
            id = id.trim();
            if (variable.equals("TORCHELASTIC_RUN_ID") && id.equals("none")) {
                continue; // torchrun's default --rdzv-id: the same for every job, so no run id at all
            }
            String problem = KeyPart.problem(id);
            if (problem != null) {
                throw new SettingsException("the environment variable " + OneLine.setting(variable, id)
                        + " cannot be the run id: " + problem + "; set " + SettingNames.RUN_ID + " instead");
            }
            return new Found(id, variable);
        }
        return null;
    }

    /** UTC start time, the host's first name part, 4 random hex digits. */
    static String generate(long startedMillis, String host) {
        String shortHost = host;
        int dot = host.indexOf('.');
        if (dot > 0) {
            shortHost = host.substring(0, dot);
        }
        return TIME.format(Instant.ofEpochMilli(startedMillis)) + "-" + shortHost + "-"
                + String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }
}
