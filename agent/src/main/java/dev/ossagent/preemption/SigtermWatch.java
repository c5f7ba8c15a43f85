package dev.ossagent.preemption;

import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Learns that the JVM is exiting because of SIGTERM, which a shutdown hook cannot tell from main returning or
 * System.exit. A {@code TERM} handler (jdk.unsupported's {@code sun.misc.Signal}) records it, then hands the
 * signal to the handler it replaced, normally the JVM's own: the JVM then exits exactly as before, shutdown hooks
 * and exit code (143) included. Not installed when TERM is ignored (nohup-style) or the JVM runs with -Xrs.
 */
final class SigtermWatch {
    private SigtermWatch() {
    }

    /** @return false when no handler could be installed (the notice then comes from the metadata service only) */
    static boolean install(Runnable onTerm) {
        Signal term;
        try {
            term = new Signal("TERM");
        } catch (IllegalArgumentException | LinkageError e) {
            return false;
        }
        AtomicReference<SignalHandler> previous = new AtomicReference<>();
        SignalHandler handler = signal -> {
            try {
                onTerm.run();
            } catch (Throwable t) {
                // the agent's trouble; the signal still goes on
            } finally {
                chain(signal, waitFor(previous));
            }
        };
        SignalHandler replaced;
        try {
            replaced = Signal.handle(term, handler);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return false; // -Xrs, or the signal is reserved
        }
        if (replaced == SignalHandler.SIG_IGN) {
            Signal.handle(term, replaced); // whoever ignores TERM keeps ignoring it
            return false;
        }
        previous.set(replaced);
        return true;
    }

    /** The handler replaced is known microseconds after the handler is in place. */
    private static SignalHandler waitFor(AtomicReference<SignalHandler> previous) {
        SignalHandler handler;
        while ((handler = previous.get()) == null) {
            Thread.onSpinWait();
        }
        return handler;
    }

    private static void chain(Signal signal, SignalHandler previous) {
        if (previous == SignalHandler.SIG_DFL) {
            // The native default: put it back and raise again, as if no handler had been here.
            Signal.handle(signal, previous);
            Signal.raise(signal);
        } else {
            previous.handle(signal);
        }
    }
}
