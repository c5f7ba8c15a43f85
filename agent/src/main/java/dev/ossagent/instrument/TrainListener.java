package dev.ossagent.instrument;

/**
 * The agent's side of the bridge: told of every finished call of a woven method, with the woven calls that
 * enclose it on its thread ({@link TrainCall#enclosing()}), so it can tell a nested save to upload from a
 * recursive call or {@code super.train(...)}, which are part of the call that made them.
 * Called on the trainer's thread, after the method has returned or thrown and before its caller sees
 * that; what it throws is swallowed.
 */
public interface TrainListener {
    void trainFinished(TrainCall call);
}
