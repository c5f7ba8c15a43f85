package dev.ossagent.instrument;

import dev.ossagent.log.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * A plain transformer with a cheap name check, so that it loads no Byte Buddy class until a target
 * class actually loads (Byte Buddy's {@code AgentBuilder} would load hundreds of them in premain, in
 * every JVM; {@link WeaveWarmUp} may load them earlier). Every other class passes through untouched (null).
 */
public final class TrainTransformer implements ClassFileTransformer {
    private final Set<String> internalNames = new HashSet<>();
    private final String method;
    private final Set<String> seen = Collections.newSetFromMap(new ConcurrentHashMap<String, Boolean>());

    private volatile BooleanSupplier onFirstTarget;
    private boolean firstTargetSeen;
    private volatile boolean ready = true;

    public TrainTransformer(List<String> targetClasses, String method) {
        for (String name : targetClasses) {
            internalNames.add(name.replace('.', '/'));
        }
        this.method = method;
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
        if (className == null || !internalNames.contains(className)) {
            return null;
        }
        try {
            seen.add(className.replace('/', '.'));
            firstTarget();
            return ready ? TrainWeaver.weave(loader, className.replace('/', '.'), classfileBuffer, method) : null;
        } catch (Throwable t) {
            AgentLog.error("could not instrument " + className.replace('/', '.') + "#" + method + ": " + t
                    + "; the trainer runs on without automatic upload");
            return null;
        }
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
        for (String name : internalNames) {
            String binary = name.replace('/', '.');
            if (!seen.contains(binary)) {
                missing.add(binary);
            }
        }
        return missing;
    }
}
