package dev.ossagent.localoss;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Request and response body framing for {@link MiniHttpServer}: fixed length and chunked. */
final class BodyStreams {
    private BodyStreams() {
    }

    /** Exactly {@code length} bytes of the connection, then EOF; a short connection is an error. */
    static final class FixedIn extends InputStream {
        private final InputStream in;
        private long left;

        FixedIn(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : b[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("connection closed before the end of the body");
            }
            left -= n;
            return n;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), left);
        }

        @Override
        public void close() {
            // The connection stays open for keep-alive; the server drains what is left.
        }
    }

    /** Transfer-Encoding: chunked request bodies (chunk extensions and trailers are skipped). */
    static final class ChunkedIn extends InputStream {
        private final InputStream in;
        private long chunkLeft;
        private boolean done;

        ChunkedIn(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : b[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (chunkLeft == 0) {
                String size = MiniHttpServer.readLine(in);
                if (size == null) {
                    throw new EOFException("connection closed inside a chunked body");
                }
                int semi = size.indexOf(';');
                try {
                    chunkLeft = Long.parseLong((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size");
                }
                if (chunkLeft == 0) {
                    String trailer;
                    while ((trailer = MiniHttpServer.readLine(in)) != null && !trailer.isEmpty()) {
                        // skip trailers
                    }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, chunkLeft));
            if (n < 0) {
                throw new EOFException("connection closed inside a chunk");
            }
            chunkLeft -= n;
            if (chunkLeft == 0) {
                MiniHttpServer.readLine(in); // CRLF after the chunk data
            }
            return n;
        }

        @Override
        public void close() {
            // see FixedIn.close
        }
    }

    /** A response body of a declared length; knows whether it was written completely. */
    static final class FixedOut extends OutputStream {
        private final OutputStream out;
        private long left;
        private boolean closed;

        FixedOut(OutputStream out, long length) {
            this.out = out;
            this.left = length;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > left) {
                throw new IOException("response body longer than its Content-Length");
            }
            out.write(b, off, len);
            left -= len;
        }

        boolean complete() {
            return left == 0;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                out.flush();
            }
        }
    }
}
