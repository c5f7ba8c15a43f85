package dev.ossagent.instrument;

/** Receives the value an instrumented {@code train(...)} returned from its outermost call. */
public interface ModelReturnListener {
    void modelReturned(Object returned, String trainerClass, String method);
}
