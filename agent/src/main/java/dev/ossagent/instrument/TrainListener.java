package dev.ossagent.instrument;

/**
 * The agent's side of the bridge: told of the outermost call of a woven method on each thread (a
 * recursive call, or {@code super.train(...)} of a woven override, is part of the call that made it).
 * Called on the trainer's thread, after the method has returned or thrown and before its caller sees
 * that; what it throws is swallowed.
 */
public interface TrainListener {
    void trainFinished(TrainCall call);
}
