package dev.ossagent.instrument;

import java.util.List;

/**
 * One finished call of a woven method, as the advice saw it at exit: which method (declaring class,
 * name, JVM descriptor), its arguments, and how it left (the returned value, or the throwable). Values of
 * primitive type arrive boxed; the return value of a void method, and of a call that threw, is null.
 */
public final class TrainCall {
    private final String trainerClass;
    private final String method;
    private final String descriptor;
    private final Object[] arguments;
    private final Object returned;
    private final Throwable thrown;
    private final List<Enclosing> enclosing;

    /** A woven call still running on the thread that made this one: its name and the arguments it was given. */
    public static final class Enclosing {
        private final String method;
        private final Object[] arguments;

        Enclosing(String method, Object[] arguments) {
            this.method = method;
            this.arguments = arguments == null ? new Object[0] : arguments;
        }

        public String method() {
            return method;
        }

        public Object[] arguments() {
            return arguments.clone();
        }
    }

    public TrainCall(String trainerClass, String method, String descriptor, Object[] arguments, Object returned,
                     Throwable thrown) {
        this(trainerClass, method, descriptor, arguments, returned, thrown, List.of());
    }

    /** @param enclosing the woven calls this one was made inside, innermost first */
    public TrainCall(String trainerClass, String method, String descriptor, Object[] arguments, Object returned,
                     Throwable thrown, List<Enclosing> enclosing) {
        this.enclosing = List.copyOf(enclosing);
        this.trainerClass = trainerClass;
        this.method = method;
        this.descriptor = descriptor;
        this.arguments = arguments == null ? new Object[0] : arguments;
        this.returned = returned;
        this.thrown = thrown;
    }

    /** The binary name of the class that declares the method, e.g. {@code com.example.Trainer}. */
    public String trainerClass() {
        return trainerClass;
    }

    public String method() {
        return method;
    }

    /** The method's JVM descriptor, e.g. {@code (Ljava/lang/String;)Ljava/nio/file/Path;}. */
    public String descriptor() {
        return descriptor;
    }

    /** The arguments as they were when the method left (the array is the listener's own copy). */
    public Object[] arguments() {
        return arguments.clone();
    }

    public Object returned() {
        return returned;
    }

    /** What the call threw, the same object the caller gets; null when it returned. */
    public Throwable thrown() {
        return thrown;
    }

    /** The woven calls still running that this one was made inside, innermost first; empty for an outermost call. */
    public List<Enclosing> enclosing() {
        return enclosing;
    }

    /** {@code trainerClass#method}, as the agent's log lines name a trainer. */
    public String trainer() {
        return trainerClass + "#" + method;
    }
}
