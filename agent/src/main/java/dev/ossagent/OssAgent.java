package dev.ossagent;

import dev.ossagent.config.RawSettings;
import dev.ossagent.config.SettingNames;
import dev.ossagent.config.SettingsException;
import dev.ossagent.config.TargetRule;
import dev.ossagent.config.Targets;
import dev.ossagent.instrument.TrainTransformer;
import dev.ossagent.instrument.WeaveCache;
import dev.ossagent.instrument.WeaveWarmUp;
import dev.ossagent.log.AgentLog;
import dev.ossagent.trigger.ExitHook;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The agent's entry point. Premain does as little as possible: return at once when disabled, read the
 * settings file for the target class and method, register one name-checking transformer and the exit
 * hook, start the weaving warm-up thread. The rest waits for a target class to load
 * ({@link UploadPreparation}). It never throws.
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

    private static void install(String argument, final Instrumentation instrumentation, boolean lateAttach) {
        RawSettings raw;
        Targets targets;
        try {
            // The per-run switch is honoured before the settings file is even read.
            if (!RawSettings.withoutFile(System.getenv(), System.getProperties()).enabled()) {
                AgentLog.info("oss-agent " + version() + " on Java " + javaVersion() + ": disabled ("
                        + SettingNames.ENABLED + "=false); nothing instrumented");
                return;
            }
            raw = RawSettings.load(argument, System.getenv(), System.getProperties());
            if (!raw.enabled()) {
                AgentLog.info("oss-agent " + version() + " on Java " + javaVersion() + ": disabled ("
                        + SettingNames.ENABLED + "=false in " + raw.file() + "); nothing instrumented");
                return;
            }
            targets = Targets.parse(raw);
        } catch (SettingsException e) {
            AgentLog.error(e.getMessage() + "; the trainer runs on without automatic upload");
            return;
        }
        if ("json".equalsIgnoreCase(raw.get(SettingNames.LOG_FORMAT)) || "-".equals(raw.get(SettingNames.EVENTS_FILE))) {
            AgentLog.jsonLines(); // from the first line on, for log collectors
        }
        AgentLog.info("oss-agent " + version() + " on Java " + javaVersion() + ": enabled, watching " + targets);
        // The rest of the settings is parsed when a target class loads (UploadPreparation).
        final TrainTransformer transformer = new TrainTransformer(targets, WeaveCache.of(raw));
        final ExitHook exitHook = new ExitHook(new Supplier<Set<String>>() {
            @Override
            public Set<String> get() {
                return transformer.notSeen();
            }
        });
        final RawSettings settings = raw;
        transformer.onFirstTarget(new BooleanSupplier() {
            @Override
            public boolean getAsBoolean() {
                // Created here, not in premain: its class (and what verifying it loads) waits for a target too.
                return new UploadPreparation(settings, exitHook, instrumentation).prepare();
            }
        });
        instrumentation.addTransformer(transformer, true);
        if (lateAttach) {
            retransformLoadedTargets(instrumentation, targets);
        } else {
            WeaveWarmUp.start(targets.classes(), new Predicate<String>() {
                @Override
                public boolean test(String className) {
                    return transformer.wovenBefore(className);
                }
            });
        }
        Runtime.getRuntime().addShutdownHook(exitHook.asThread());
    }

    /** When attached late (agentmain), targets (and subtypes of Name+ targets) may already be loaded. */
    private static void retransformLoadedTargets(Instrumentation instrumentation, Targets targets) {
        List<String> named = targets.classes();
        Set<String> supertypes = new HashSet<>();
        for (TargetRule rule : targets.rules()) {
            if (rule.subtypes()) {
                supertypes.add(rule.className());
            }
        }
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if ((named.contains(type.getName()) || extendsAny(type, supertypes)) && instrumentation.isModifiableClass(type)) {
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

    private static boolean extendsAny(Class<?> type, Set<String> supertypes) {
        if (type == null || supertypes.isEmpty()) {
            return false;
        }
        if (supertypes.contains(type.getName()) || extendsAny(type.getSuperclass(), supertypes)) {
            return true;
        }
        for (Class<?> implemented : type.getInterfaces()) {
            if (extendsAny(implemented, supertypes)) {
                return true;
            }
        }
        return false;
    }

    static String version() {
        String version = OssAgent.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    private static String javaVersion() {
        return System.getProperty("java.version");
    }
}
