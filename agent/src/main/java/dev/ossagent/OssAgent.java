package dev.ossagent;

import dev.ossagent.config.RawSettings;
import dev.ossagent.config.SettingNames;
import dev.ossagent.config.Settings;
import dev.ossagent.config.SettingsException;
import dev.ossagent.instrument.TrainBridge;
import dev.ossagent.instrument.TrainTransformer;
import dev.ossagent.journal.PendingCount;
import dev.ossagent.log.AgentLog;
import dev.ossagent.upload.ExitHook;
import dev.ossagent.upload.UploadOnReturn;
import dev.ossagent.upload.UploadQueue;
import dev.ossagent.upload.UploadSession;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The agent's entry point. Premain does as little as possible: read settings, return at once when
 * disabled, register one name-checking transformer and the exit hook. It never throws.
 */
public final class OssAgent {
    private static volatile boolean attached;

    private OssAgent() {
    }

    public static void premain(String argument, Instrumentation instrumentation) {
        start(argument, instrumentation, false);
    }

    public static void agentmain(String argument, Instrumentation instrumentation) {
        start(argument, instrumentation, true);
    }

    private static synchronized void start(String argument, Instrumentation instrumentation, boolean lateAttach) {
        try {
            if (attached) {
                AgentLog.info("already attached; this second -javaagent is ignored");
                return;
            }
            attached = true;
            install(argument, instrumentation, lateAttach);
        } catch (Throwable t) {
            AgentLog.error("could not start: " + t + "; the trainer runs on without automatic upload");
        }
    }

    private static void install(String argument, Instrumentation instrumentation, boolean lateAttach) {
        String version = version();
        RawSettings raw;
        Settings settings;
        try {
            // The per-run switch is honoured before the settings file is even read.
            if (!Settings.isEnabled(RawSettings.withoutFile(System.getenv(), System.getProperties()))) {
                AgentLog.info("oss-agent " + version + " on Java " + javaVersion() + ": disabled ("
                        + SettingNames.ENABLED + "=false); nothing instrumented");
                return;
            }
            raw = RawSettings.load(argument, System.getenv(), System.getProperties());
            settings = Settings.parse(raw);
        } catch (SettingsException e) {
            AgentLog.error(e.getMessage() + "; the trainer runs on without automatic upload");
            return;
        }
        if (!settings.enabled()) {
            AgentLog.info("oss-agent " + version + " on Java " + javaVersion() + ": disabled ("
                    + SettingNames.ENABLED + "=false in " + raw.file() + "); nothing instrumented");
            return;
        }
        AgentLog.info("oss-agent " + version + " on Java " + javaVersion() + ": enabled, watching "
                + String.join(",", settings.targetClasses()) + "#" + settings.targetMethod() + ", uploading to "
                + settings.endpoint() + (settings.dryRun() ? " (dry run)" : "") + ", " + settings.uploadMode().name().toLowerCase(java.util.Locale.ROOT));
        if (settings.endpoint().regionGuessed()) {
            AgentLog.info("no region in endpoint " + settings.endpoint().host() + "; signing for "
                    + settings.endpoint().region() + " (set ossagent.region to change it)");
        }

        final Settings ready = settings;
        final UploadQueue queue = new UploadQueue(new UploadSession(settings));
        final TrainTransformer transformer = new TrainTransformer(settings.targetClasses(), settings.targetMethod(),
                new Runnable() {
                    @Override
                    public void run() {
                        // Only once a target class loads: a JVM that never loads one (the agent in
                        // JAVA_TOOL_OPTIONS of unrelated tools) neither reads the journal nor prepares uploads.
                        PendingCount.announce(ready.stateDir(), ready.file());
                        TrainBridge.setListener(new UploadOnReturn(ready, queue));
                    }
                });
        instrumentation.addTransformer(transformer, true);
        if (lateAttach) {
            retransformLoadedTargets(instrumentation, settings.targetClasses());
        }
        Runtime.getRuntime().addShutdownHook(new ExitHook(queue, settings.exitTimeout(), new Supplier<Set<String>>() {
            @Override
            public Set<String> get() {
                return transformer.notSeen();
            }
        }).asThread());
    }

    /** When attached late (agentmain), targets may already be loaded. */
    private static void retransformLoadedTargets(Instrumentation instrumentation, List<String> targets) {
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (targets.contains(type.getName()) && instrumentation.isModifiableClass(type)) {
                loaded.add(type);
            }
        }
        if (loaded.isEmpty()) {
            return;
        }
        try {
            instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
        } catch (Throwable t) {
            AgentLog.error("could not instrument already loaded " + loaded + ": " + t);
        }
    }

    static String version() {
        String version = OssAgent.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    private static String javaVersion() {
        return System.getProperty("java.version");
    }
}
