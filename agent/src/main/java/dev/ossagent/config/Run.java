package dev.ossagent.config;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One run of the trainer, as prefixes and file lists name it: {@code ${run}} (its id), {@code ${date}} (the UTC
 * day the JVM started, so a run never splits across midnight), {@code ${host}} and {@code ${rank}} (0 when no
 * rank is known). The host name, and an id made from it, are looked up only when first needed.
 */
public final class Run {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final RunId.Found configured;
    private final Integer rank;
    private final LongSupplier start;
    private final Map<String, String> environment;
    private long startedMillis = -1;
    private String host;
    private String id;

    Run(RunId.Found configured, Integer rank, LongSupplier start, Map<String, String> environment) {
        this.configured = configured;
        this.rank = rank;
        this.start = start;
        this.environment = environment;
    }

    /** A run recorded earlier (a journaled plan's): its id, rank, start and host, for its placeholders. */
    public static Run recorded(String id, int rank, long startedMillis, String host) {
        Run run = new Run(new RunId.Found(id, "the plan"), rank, () -> startedMillis, java.util.Collections.emptyMap());
        run.host = host;
        return run;
    }

    static Run resolve(RawSettings raw) throws SettingsException {
        return new Run(RunId.configured(raw), Rank.of(raw), Run::jvmStart, raw.environment());
    }

    /** When this JVM started (the run's start), else now. */
    private static long jvmStart() {
        try {
            return ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli)
                    .orElse(System.currentTimeMillis());
        } catch (RuntimeException e) {
            return System.currentTimeMillis();
        }
    }

    public synchronized String id() {
        if (id == null) {
            id = configured != null ? configured.id : RunId.generate(startedMillis(), host());
        }
        return id;
    }

    /** Where the id came from: {@code ossagent.run.id}, a launcher's variable, or "generated". */
    public String idSource() {
        return configured != null ? configured.source : "generated";
    }

    public synchronized String host() {
        if (host == null) {
            host = LocalHost.sanitize(LocalHost.name(environment));
        }
        return host;
    }

    /** The rank, or null when nothing set one. */
    public Integer rank() {
        return rank;
    }

    public int rankOrZero() {
        return rank == null ? 0 : rank;
    }

    /** When the JVM started, looked up once when first needed. */
    public synchronized long startedMillis() {
        if (startedMillis < 0) {
            startedMillis = start.getAsLong();
        }
        return startedMillis;
    }

    public String date() {
        return DAY.format(Instant.ofEpochMilli(startedMillis()));
    }

    /** {@code text} with this run's placeholders replaced; the host is looked up only when asked for. */
    public String expand(String text) {
        return Placeholders.expand(text, this::value);
    }

    /** The value of placeholder {@code name} ({@code run}, {@code date}, {@code host}, {@code rank}), else null. */
    public String value(String name) {
        switch (name) {
            case "run": return id();
            case "date": return date();
            case "host": return host();
            case "rank": return Integer.toString(rankOrZero());
            default: return null;
        }
    }
}
