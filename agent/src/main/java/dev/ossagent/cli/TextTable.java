package dev.ossagent.cli;

import dev.ossagent.log.Printable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with a header row; columns marked numeric are right-aligned; control characters escaped. */
final class TextTable {
    private final String[] headers;
    private final boolean[] numeric;
    private final List<String[]> rows = new ArrayList<>();
    private final int maxCell;

    TextTable(String[] headers, boolean[] numeric) {
        this(headers, numeric, MAX_CELL);
    }

    /** @param maxCell the most characters a cell shows: the rest is cut, so one hostile row sets no width */
    TextTable(String[] headers, boolean[] numeric, int maxCell) {
        this.headers = headers.clone();
        this.numeric = numeric.clone();
        this.maxCell = maxCell;
    }

    /** A cell's width at most: an object key (1,023 bytes at most) mostly fits; a 60 MB run name does not. */
    static final int MAX_CELL = 256;

    void add(String... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("expected " + headers.length + " cells, got " + cells.length);
        }
        String[] shown = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            shown[i] = Printable.cut(cells[i], maxCell); // escaped and cut before measuring: the columns line up
        }
        rows.add(shown);
    }

    void print(PrintStream out) {
        int[] widths = new int[headers.length];
        measure(headers, widths);
        for (String[] row : rows) {
            measure(row, widths);
        }
        out.println(line(headers, widths));
        for (String[] row : rows) {
            out.println(line(row, widths));
        }
    }

    private static void measure(String[] cells, int[] widths) {
        for (int i = 0; i < cells.length; i++) {
            widths[i] = Math.max(widths[i], width(cells[i]));
        }
    }

    private String line(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append("  ");
            }
            boolean last = i == cells.length - 1;
            String pad = repeat(widths[i] - width(cells[i]));
            if (numeric[i]) {
                line.append(pad).append(cells[i]);
            } else {
                line.append(cells[i]).append(last ? "" : pad);
            }
        }
        return line.toString();
    }

    /** Columns a terminal gives the text: East Asian wide characters take two. */
    static int width(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            boolean wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3)
                    || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60)
                    || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
            width += wide ? 2 : 1;
        }
        return width;
    }

    private static String repeat(int count) {
        StringBuilder blanks = new StringBuilder();
        for (int i = 0; i < count; i++) {
            blanks.append(' ');
        }
        return blanks.toString();
    }
}
