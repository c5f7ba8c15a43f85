package dev.ossagent.localoss;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fault injection, changeable while the server runs (all fields are volatile or atomic,
 * so a test thread can flip them between SDK calls).
 */
public final class Faults {
    private volatile double failRatio;
    private volatile double resetRatio;
    private volatile long delayMillis;
    private final AtomicBoolean corruptNextPart = new AtomicBoolean();
    private final AtomicLong cutNextGet = new AtomicLong(-1);
    private final AtomicLong tokenRefusals = new AtomicLong();

    Faults() {
    }

    /** Fraction (0..1) of requests answered 503 ServiceUnavailable. */
    public Faults failRatio(double ratio) {
        this.failRatio = checkRatio(ratio);
        return this;
    }

    /** Fraction (0..1) of upload requests (PutObject, UploadPart) whose connection is dropped mid-body. */
    public Faults resetRatio(double ratio) {
        this.resetRatio = checkRatio(ratio);
        return this;
    }

    /** Delay before answering each request. */
    public Faults delayMillis(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("delayMillis must be >= 0");
        }
        this.delayMillis = millis;
        return this;
    }

    /** Stores the next non-empty PutObject/UploadPart body with one byte flipped. */
    public Faults corruptNextPart(boolean corrupt) {
        corruptNextPart.set(corrupt);
        return this;
    }

    /** Drops the connection of the next GetObject whose body is longer than this, after this many bytes. */
    public Faults cutNextGetAfter(long bytes) {
        cutNextGet.set(bytes);
        return this;
    }

    /**
     * Answers the next {@code count} requests that carry a security token 403 SecurityTokenExpired, whatever the
     * token: a renewed token refused again (issued near a slow request, or a clock that is off).
     */
    public Faults refuseTokens(long count) {
        tokenRefusals.set(count);
        return this;
    }

    /** Whether this request's token is to be refused (takes one of {@link #refuseTokens}). */
    boolean takeTokenRefusal() {
        return tokenRefusals.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    /** Back to a well-behaved server. */
    public Faults clear() {
        failRatio = 0;
        resetRatio = 0;
        delayMillis = 0;
        corruptNextPart.set(false);
        cutNextGet.set(-1);
        tokenRefusals.set(0);
        return this;
    }

    public double failRatio() {
        return failRatio;
    }

    public double resetRatio() {
        return resetRatio;
    }

    public long delayMillis() {
        return delayMillis;
    }

    public boolean corruptNextPart() {
        return corruptNextPart.get();
    }

    boolean rollFail() {
        return roll(failRatio);
    }

    boolean rollReset() {
        return roll(resetRatio);
    }

    /** Claims the corruption token; only one body gets it. */
    boolean takeCorruption() {
        return corruptNextPart.compareAndSet(true, false);
    }

    /** Claims the GET cut for a body of {@code length} bytes: the bytes after which to drop, or -1 for none. */
    long takeGetCut(long length) {
        long cut = cutNextGet.get();
        return cut >= 0 && cut < length && cutNextGet.compareAndSet(cut, -1) ? cut : -1;
    }

    /** Gives the token back when the claimed body turned out to be empty. */
    void returnCorruption() {
        corruptNextPart.set(true);
    }

    private static boolean roll(double ratio) {
        return ratio > 0 && (ratio >= 1 || ThreadLocalRandom.current().nextDouble() < ratio);
    }

    private static double checkRatio(double r) {
        if (!(r >= 0 && r <= 1)) {
            throw new IllegalArgumentException("ratio must be within 0..1: " + r);
        }
        return r;
    }
}
