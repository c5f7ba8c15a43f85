package dev.ossagent.instrument;

import dev.ossagent.config.TargetRule;
import dev.ossagent.config.Targets;
import dev.ossagent.log.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * A plain transformer with a cheap name check, so that it loads no Byte Buddy class until a target
 * class actually loads (Byte Buddy's {@code AgentBuilder} would load hundreds of them in premain, in
 * every JVM; {@link WeaveWarmUp} may load them earlier). With a {@code Name+} target, every class a
 * trainer's loaders load is also checked for that supertype ({@link Supertypes}), which loads Byte Buddy
 * with the first such class. Every other class passes through untouched (null).
 */
public final class TrainTransformer implements ClassFileTransformer {
    /** Internal name to the rules that name the class itself. */
    private final Map<String, List<TargetRule>> named = new HashMap<>();
    /** Binary name of each {@code Name+} target to its rules. */
    private final Map<String, List<TargetRule>> bySupertype = new HashMap<>();
    /** Classes named in ossagent.target.class (presets' classes need not load), and those that loaded. */
    private final Set<String> expected = new HashSet<>();
    private final Set<String> seen = Collections.newSetFromMap(new ConcurrentHashMap<String, Boolean>());
    /** The supertype check reads class files, which may load classes: not re-entered on the same thread. */
    private final ThreadLocal<Boolean> checking = new ThreadLocal<>();
    /** The agent's own libraries (Byte Buddy among them): never a trainer's subtype. */
    private static final String SHADED = "dev.ossagent.shaded.";
    private Supertypes supertypes;
    private final WeaveCache cache;

    private volatile BooleanSupplier onFirstTarget;
    private boolean firstTargetSeen;
    private volatile boolean ready = true;

    public TrainTransformer(Targets targets) {
        this(targets, WeaveCache.none());
    }

    /** @param cache woven classes from earlier runs, and where this run's go */
    public TrainTransformer(Targets targets, WeaveCache cache) {
        this.cache = cache;
        for (TargetRule rule : targets.rules()) {
            add(named, rule.className().replace('.', '/'), rule);
            if (rule.origin().equals("settings")) {
                expected.add(rule.className());
            }
            if (rule.subtypes()) {
                add(bySupertype, rule.className(), rule);
            }
        }
    }

    /** Watches {@code method} on each class (an entry ending in + also on its subtypes). */
    public TrainTransformer(List<String> targetClasses, String method) {
        this(Targets.of(targetClasses, Collections.singletonList(method)));
    }

    private static void add(Map<String, List<TargetRule>> map, String key, TargetRule rule) {
        List<TargetRule> rules = map.get(key);
        if (rules == null) {
            rules = new ArrayList<>();
            map.put(key, rules);
        }
        rules.add(rule);
    }

    /**
     * Set before the transformer is added: runs once, on the thread that loads the first target class and
     * before its train methods can run. What only a trainer's JVM needs is set up there, so an unrelated JVM
     * the agent is attached to pays nothing for it. False (or a throw) means the upload cannot work: no
     * class is woven then.
     */
    public void onFirstTarget(BooleanSupplier preparation) {
        this.onFirstTarget = preparation;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null) {
            return null;
        }
        String binaryName = className.replace('/', '.');
        try {
            List<TargetRule> byName = named.get(className);
            List<TargetRule> inherited = inherited(loader, binaryName, classfileBuffer);
            if (byName == null && inherited.isEmpty()) {
                return null;
            }
            if (byName != null) {
                seen.add(binaryName);
            }
            firstTarget();
            if (!ready) {
                return null;
            }
            List<TargetRule> rules = new ArrayList<>(inherited);
            if (byName != null) {
                rules.removeAll(byName);
                rules.addAll(0, byName);
            }
            return weave(loader, binaryName, classfileBuffer, rules, byName != null);
        } catch (Throwable t) {
            AgentLog.error("could not instrument " + binaryName + ": " + t + "; the trainer runs on without automatic"
                    + " upload");
            return null;
        }
    }

    /** From the cache when this class file was woven before under the same rules and agent jar; Byte Buddy else. */
    private byte[] weave(ClassLoader loader, String className, byte[] classFile, List<TargetRule> rules, boolean named) {
        WovenClass cached = cache.find(className, classFile, rules, named);
        if (cached != null) {
            return cached.apply(className, rules, ", as woven by an earlier run (weave cache in the state dir)");
        }
        WovenClass woven = TrainWeaver.weave(loader, className, classFile, rules, named);
        cache.store(className, classFile, rules, named, woven);
        return woven.apply(className, rules, "");
    }

    /**
     * Whether a class that the settings name was woven by an earlier run (under the rules that name it), so a
     * weave of it would need no Byte Buddy: then the warm-up has nothing to warm for it.
     */
    public boolean wovenBefore(String binaryName) {
        List<TargetRule> rules = named.get(binaryName.replace('.', '/'));
        return rules != null && cache.has(binaryName, rules, true);
    }

    /** The {@code Name+} rules whose class this one extends or implements (not the ones naming it). */
    private List<TargetRule> inherited(ClassLoader loader, String binaryName, byte[] classFile) {
        if (bySupertype.isEmpty() || loader == null || Supertypes.isPlatform(binaryName)
                || binaryName.startsWith(SHADED) || checking.get() != null) {
            return Collections.emptyList();
        }
        checking.set(Boolean.TRUE);
        try {
            List<TargetRule> rules = new ArrayList<>();
            for (String supertype : supertypes().of(loader, binaryName, classFile)) {
                if (!supertype.equals(binaryName)) {
                    rules.addAll(bySupertype.get(supertype));
                }
            }
            return rules;
        } finally {
            checking.remove();
        }
    }

    private synchronized Supertypes supertypes() {
        if (supertypes == null) {
            supertypes = new Supertypes(new HashSet<>(bySupertype.keySet()));
        }
        return supertypes;
    }

    private void firstTarget() {
        synchronized (this) {
            if (firstTargetSeen || onFirstTarget == null) {
                return;
            }
            firstTargetSeen = true;
        }
        try {
            ready = onFirstTarget.getAsBoolean();
        } catch (Throwable t) {
            ready = false;
            AgentLog.error("could not prepare the upload: " + t + "; the trainer runs on without automatic upload");
        }
    }

    /** Target classes that never loaded, for the note at exit. */
    public Set<String> notSeen() {
        Set<String> missing = new HashSet<>();
        for (String name : expected) {
            if (!seen.contains(name)) {
                missing.add(name);
            }
        }
        return missing;
    }
}
