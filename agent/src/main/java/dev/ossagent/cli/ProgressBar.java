package dev.ossagent.cli;

import com.aliyun.oss.event.ProgressEvent;
import com.aliyun.oss.event.ProgressListener;
import dev.ossagent.log.AgentLog;
import dev.ossagent.log.Printable;
import dev.ossagent.log.Sizes;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * Progress of one file on stderr. On a terminal: a live bar redrawn in place (bytes, percent, MB/s),
 * erased when the file is done. Otherwise: plain {@code [oss-agent]} lines at the start and at each
 * quarter of larger files, which logs and CI output keep readable.
 */
final class ProgressBar implements ProgressListener {
    private static final int BAR_WIDTH = 24;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final long QUARTERS_FROM_BYTES = 4L * 1024 * 1024;

    private final PrintStream err;
    private final boolean live;
    private final String label;
    private final String verb;
    private final long total;
    private long bytes;
    private long startNanos = System.nanoTime();
    private long lastDrawNanos;
    private int drawnWidth;
    private int quartersReported;

    ProgressBar(PrintStream err, boolean live, String label, long total) {
        this(err, live, "uploading", label, total);
    }

    /** {@code verb} starts the plain line of a new file: "uploading", "downloading". */
    ProgressBar(PrintStream err, boolean live, String verb, String label, long total) {
        this.err = err;
        this.live = live;
        this.verb = verb;
        this.label = label;
        this.total = Math.max(0, total);
    }

    @Override
    public void progressChanged(ProgressEvent event) {
        switch (event.getEventType()) {
            case TRANSFER_STARTED_EVENT:
                startNanos = System.nanoTime();
                bytes = 0; // a download continued after a break starts again from what it has
                quartersReported = 0;
                if (live) {
                    draw();
                } else {
                    AgentLog.info(verb + " " + label + " (" + Sizes.human(total) + ")");
                }
                break;
            case REQUEST_BYTE_TRANSFER_EVENT:
            case RESPONSE_BYTE_TRANSFER_EVENT:
                bytes = Math.min(total, bytes + Math.max(0, event.getBytes()));
                if (live) {
                    if (System.nanoTime() - lastDrawNanos >= REDRAW_NANOS || bytes == total) {
                        draw();
                    }
                } else {
                    reportQuarter();
                }
                break;
            case TRANSFER_COMPLETED_EVENT:
            case TRANSFER_FAILED_EVENT:
            case TRANSFER_CANCELED_EVENT:
                clear();
                break;
            default:
                break;
        }
    }

    /** Erases the live bar so the next log line starts on a clean line. */
    void clear() {
        if (live && drawnWidth > 0) {
            err.print("\r" + spaces(drawnWidth) + "\r");
            err.flush();
            drawnWidth = 0;
        }
    }

    private void draw() {
        lastDrawNanos = System.nanoTime();
        String line = render(label, bytes, total, (lastDrawNanos - startNanos) / 1e9);
        int pad = Math.max(0, drawnWidth - line.length());
        err.print("\r" + line + spaces(pad));
        err.flush();
        drawnWidth = line.length();
    }

    private void reportQuarter() {
        if (total < QUARTERS_FROM_BYTES) {
            return;
        }
        int quarters = (int) (bytes * 4 / total);
        if (quarters > quartersReported && quarters < 4) {
            quartersReported = quarters;
            AgentLog.info("  " + label + ": " + quarters * 25 + "% (" + Sizes.human(bytes) + " of " + Sizes.human(total)
                    + ", " + Sizes.rate(bytes, (System.nanoTime() - startNanos) / 1e9) + ")");
        }
    }

    /** {@code model.pt [##########--------------]  42.0%  12.0 MiB / 28.6 MiB  8.1 MB/s} */
    static String render(String label, long done, long total, double seconds) {
        double fraction = total <= 0 ? 1.0 : Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        char[] bar = new char[BAR_WIDTH];
        Arrays.fill(bar, 0, filled, '#');
        Arrays.fill(bar, filled, BAR_WIDTH, '-');
        return String.format(Locale.ROOT, "%s [%s] %5.1f%%  %s / %s  %s", Printable.escape(label), new String(bar), fraction * 100,
                Sizes.human(done), Sizes.human(total), Sizes.rate(done, seconds));
    }

    private static String spaces(int count) {
        char[] blanks = new char[count];
        Arrays.fill(blanks, ' ');
        return new String(blanks);
    }
}
