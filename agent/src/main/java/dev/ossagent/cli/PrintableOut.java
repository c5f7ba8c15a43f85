package dev.ossagent.cli;

import dev.ossagent.log.Printable;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The command line's stdout: every string printed has its control characters escaped ({@link Printable}), so an
 * object key or file name holding a newline or an ESC sequence cannot forge a line of a listing or drive the
 * terminal, whichever command prints it. Line ends come only from {@code println}. Bytes written directly
 * (picocli's help text) pass unchanged.
 */
final class PrintableOut extends PrintStream {
    private PrintableOut(PrintStream out) {
        super(out, true, StandardCharsets.UTF_8);
    }

    static PrintStream of(PrintStream out) {
        return out instanceof PrintableOut ? out : new PrintableOut(out);
    }

    @Override
    public void print(String text) {
        super.print(Printable.escape(text));
    }

    @Override
    public void print(Object value) {
        print(String.valueOf(value));
    }

    @Override
    public void println(String text) {
        synchronized (this) {
            print(text);
            println();
        }
    }

    @Override
    public void println(Object value) {
        println(String.valueOf(value));
    }
}
