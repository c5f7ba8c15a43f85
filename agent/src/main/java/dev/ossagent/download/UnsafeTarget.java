package dev.ossagent.download;

/** A manifest entry that would write outside the download folder, or through a link; the message says why. */
public final class UnsafeTarget extends Exception {
    private static final long serialVersionUID = 1L;

    UnsafeTarget(String why) {
        super(why);
    }
}
