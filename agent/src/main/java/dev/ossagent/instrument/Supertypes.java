package dev.ossagent.instrument;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Answers which {@code Name+} targets a loading class extends or implements, at any depth. The class is
 * read from the bytes being loaded; its supertypes, which may not be loaded yet, are read as class files
 * through its loader, in outline only (Byte Buddy's type pool, fast mode), and each answer is kept per
 * loader, so each class of a hierarchy is read once.
 */
final class Supertypes {
    private final Set<String> targets;
    /** Per loader: binary name to the + targets it is or extends (an empty set: none). */
    private final Map<ClassLoader, Map<String, Set<String>>> known = new WeakHashMap<>();
    private final Map<ClassLoader, TypePool> pools = new WeakHashMap<>();

    /** @param targets binary names of the {@code Name+} targets */
    Supertypes(Set<String> targets) {
        this.targets = targets;
    }

    /** The {@code Name+} targets that {@code className} (binary name) is or extends or implements; empty when none. */
    synchronized Set<String> of(ClassLoader loader, String className, byte[] classFile) {
        Map<String, Set<String>> answers = known.get(loader);
        if (answers == null) {
            answers = new HashMap<>();
            known.put(loader, answers);
        }
        Set<String> cached = answers.get(className);
        if (cached != null) {
            return cached;
        }
        Set<String> found;
        try {
            // The class itself from the bytes being loaded; lazily, so naming its supertypes reads nothing more.
            TypePool own = new TypePool.Default.WithLazyResolution(new TypePool.CacheProvider.Simple(),
                    ClassFileLocator.Simple.of(className, classFile), TypePool.Default.ReaderMode.FAST);
            found = walk(own.describe(className).resolve(), pool(loader), answers);
        } catch (RuntimeException e) {
            // A class file Byte Buddy cannot read is no subtype of a target: it stays as it is.
            found = Collections.emptySet();
        }
        answers.put(className, found);
        return found;
    }

    private Set<String> walk(TypeDescription type, TypePool pool, Map<String, Set<String>> answers) {
        Set<String> found = new HashSet<>();
        if (targets.contains(type.getName())) {
            found.add(type.getName());
        }
        TypeDescription.Generic superClass = type.getSuperClass();
        if (superClass != null) {
            found.addAll(supertype(superClass.asErasure().getName(), pool, answers));
        }
        for (TypeDefinition each : type.getInterfaces()) {
            found.addAll(supertype(each.asErasure().getName(), pool, answers));
        }
        return found.isEmpty() ? Collections.<String>emptySet() : found;
    }

    private Set<String> supertype(String name, TypePool pool, Map<String, Set<String>> answers) {
        Set<String> cached = answers.get(name);
        if (cached != null) {
            return cached;
        }
        Set<String> found = Collections.emptySet();
        if (targets.contains(name)) {
            found = Collections.singleton(name);
        }
        if (!isPlatform(name)) {
            TypePool.Resolution resolution = pool.describe(name);
            // A supertype whose class file cannot be read (generated, or hidden) counts as no match.
            if (resolution.isResolved()) {
                found = walk(resolution.resolve(), pool, answers);
            }
        }
        answers.put(name, found);
        return found;
    }

    /** JDK types are never subtypes of a trainer's or library's class: not read. */
    static boolean isPlatform(String name) {
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.")
                || name.startsWith("com.sun.");
    }

    private TypePool pool(ClassLoader loader) {
        TypePool pool = pools.get(loader);
        if (pool == null) {
            ClassFileLocator locator = loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader()
                    : ClassFileLocator.ForClassLoader.WeaklyReferenced.of(loader);
            pool = new TypePool.Default.WithLazyResolution(new TypePool.CacheProvider.Simple(), locator,
                    TypePool.Default.ReaderMode.FAST);
            pools.put(loader, pool);
        }
        return pool;
    }
}
