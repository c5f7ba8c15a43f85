package dev.ossagent.it.compat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * Runs a trainer's main through a class loader of one of two awkward kinds, with that loader as the
 * thread's context class loader (as application servers do), and checks that the context loader the
 * trainer sees is the same after training as before.
 * Usage: LoaderLaunchMain child-first|platform-parent TRAINER_JAR MAIN_CLASS [args...]
 */
public final class LoaderLaunchMain {
    public static void main(String[] args) throws Exception {
        URL[] jar = {Paths.get(args[1]).toUri().toURL()};
        try (URLClassLoader loader = args[0].equals("child-first")
                ? new ChildFirst(jar, LoaderLaunchMain.class.getClassLoader())
                : new URLClassLoader(jar, ClassLoader.getPlatformClassLoader())) {
            Class<?> main = loader.loadClass(args[2]);
            if (main.getClassLoader() != loader) {
                throw new IllegalStateException("trainer loaded by " + main.getClassLoader());
            }
            Thread.currentThread().setContextClassLoader(loader);
            main.getMethod("main", String[].class).invoke(null, (Object) Arrays.copyOfRange(args, 3, args.length));
            if (Thread.currentThread().getContextClassLoader() != loader) {
                throw new IllegalStateException("context class loader changed to "
                        + Thread.currentThread().getContextClassLoader());
            }
            System.out.println("launcher: trainer ran in a " + args[0] + " loader; context class loader unchanged");
        }
    }

    /** Looks in its own jar before asking its parent (except for the JDK's classes). */
    static final class ChildFirst extends URLClassLoader {
        ChildFirst(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> type = findLoadedClass(name);
                if (type == null && !name.startsWith("java.")) {
                    try {
                        type = findClass(name);
                    } catch (ClassNotFoundException notHere) {
                        type = null;
                    }
                }
                if (type == null) {
                    type = super.loadClass(name, false);
                }
                if (resolve) {
                    resolveClass(type);
                }
                return type;
            }
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            try {
                URL own = findResource(name);
                return own != null ? own.openStream() : super.getResourceAsStream(name);
            } catch (IOException e) {
                return null;
            }
        }
    }
}
