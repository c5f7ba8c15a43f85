package dev.ossagent.it;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * Runs the demo trainer through a URLClassLoader whose parent is the platform loader, so the
 * trainer cannot see the application class path (where the agent lives).
 * Usage: IsolatedLoaderMain TRAINER_JAR MAIN_CLASS [args...]
 */
public final class IsolatedLoaderMain {
    public static void main(String[] args) throws Exception {
        URL jar = Paths.get(args[0]).toUri().toURL();
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar}, ClassLoader.getPlatformClassLoader())) {
            Class<?> main = loader.loadClass(args[1]);
            if (main.getClassLoader() != loader) {
                throw new IllegalStateException("trainer loaded by " + main.getClassLoader());
            }
            main.getMethod("main", String[].class).invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        }
        if (Thread.currentThread().getContextClassLoader() != before) {
            throw new IllegalStateException("context class loader changed");
        }
    }
}
