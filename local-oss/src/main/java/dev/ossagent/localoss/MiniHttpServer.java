package dev.ossagent.localoss;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpHandler;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * A small HTTP/1.1 server (keep-alive, chunked and fixed-length request bodies, Expect: 100-continue)
 * in place of com.sun.net.httpserver: it can spell response headers as OSS does and it can drop a
 * connection with a real TCP reset, which the JDK server can do neither of.
 */
final class MiniHttpServer {
    private static final int IDLE_TIMEOUT_MS = 60_000;
    private static final int MAX_LINE = 64 * 1024;
    /** Leftover request body drained to keep a connection alive; beyond this the connection is closed. */
    private static final long MAX_DRAIN = 1024 * 1024;

    private final ServerSocket socket;
    private final HttpHandler handler;
    private final ExecutorService executor;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;
    private Thread acceptor;

    MiniHttpServer(InetSocketAddress bind, HttpHandler handler, ExecutorService executor) throws IOException {
        this.socket = new ServerSocket();
        this.socket.bind(bind, 128);
        this.handler = handler;
        this.executor = executor;
    }

    int port() {
        return socket.getLocalPort();
    }

    void start() {
        acceptor = new Thread(this::acceptLoop, "local-oss-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Returns once the port is free again: a test may start a server on it at once. */
    void stop() {
        running = false;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        // A socket closed while a thread is blocked in accept() is released only when that thread leaves
        // accept(): until then the port stays bound ("Address already in use" for a restart on it).
        if (acceptor != null) {
            try {
                acceptor.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Socket s : connections) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private void acceptLoop() {
        while (running) {
            try {
                Socket s = socket.accept();
                connections.add(s);
                executor.execute(() -> serve(s));
            } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private void serve(Socket s) {
        boolean reset = false;
        try {
            s.setSoTimeout(IDLE_TIMEOUT_MS);
            s.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
            OutputStream out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
            while (running) {
                String requestLine = readLine(in);
                if (requestLine == null) {
                    return;
                }
                if (requestLine.isEmpty()) {
                    continue; // tolerate stray CRLF between requests
                }
                String[] parts = requestLine.split(" ");
                Headers headers = readHeaders(in);
                if (parts.length != 3 || headers == null) {
                    badRequest(out);
                    return;
                }
                URI uri;
                try {
                    uri = new URI(escapeRaw(parts[1]));
                } catch (URISyntaxException e) {
                    badRequest(out);
                    return;
                }
                String te = headers.getFirst("Transfer-Encoding");
                String cl = headers.getFirst("Content-Length");
                InputStream body;
                boolean hasBody;
                if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
                    body = new BodyStreams.ChunkedIn(in);
                    hasBody = true;
                } else if (cl != null) {
                    long length;
                    try {
                        length = Long.parseLong(cl.trim());
                    } catch (NumberFormatException e) {
                        badRequest(out);
                        return;
                    }
                    body = new BodyStreams.FixedIn(in, length);
                    hasBody = length > 0;
                } else {
                    body = InputStream.nullInputStream();
                    hasBody = false;
                }
                if (hasBody && "100-continue".equalsIgnoreCase(headers.getFirst("Expect"))) {
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                MiniExchange ex = new MiniExchange(parts[0], uri, parts[2], headers, body, out,
                        (InetSocketAddress) s.getLocalSocketAddress(), (InetSocketAddress) s.getRemoteSocketAddress());
                try {
                    handler.handle(ex);
                } finally {
                    ex.close();
                }
                if (ex.dropRequested()) {
                    reset = true;
                    return;
                }
                if (ex.mustCloseConnection() || !drain(body) || wantsClose(parts[2], headers)) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Client went away, timed out, or spoke bad HTTP: nothing to answer.
        } finally {
            connections.remove(s);
            close(s, reset);
        }
    }

    /** Percent-encodes raw non-ASCII bytes and spaces (curl sends UTF-8 keys unencoded) so URI accepts them. */
    private static String escapeRaw(String target) {
        StringBuilder sb = null;
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c >= 0x80 || c == ' ' || c < 0x20) {
                if (sb == null) {
                    sb = new StringBuilder(target.substring(0, i));
                }
                sb.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? target : sb.toString();
    }

    private static void close(Socket s, boolean reset) {
        try {
            if (reset) {
                s.setSoLinger(true, 0); // RST instead of FIN: what a crashed middlebox looks like
            }
            s.close();
        } catch (SocketException ignored) {
            // already gone
        } catch (IOException ignored) {
            // already gone
        }
    }

    private static boolean drain(InputStream body) throws IOException {
        byte[] buf = new byte[8192];
        long total = 0;
        int n;
        while ((n = body.read(buf)) >= 0) {
            total += n;
            if (total > MAX_DRAIN) {
                return false;
            }
        }
        return true;
    }

    private static boolean wantsClose(String protocol, Headers headers) {
        String c = headers.getFirst("Connection");
        if (c != null && c.toLowerCase(Locale.ROOT).contains("close")) {
            return true;
        }
        return protocol.equalsIgnoreCase("HTTP/1.0") && (c == null || !c.toLowerCase(Locale.ROOT).contains("keep-alive"));
    }

    private static void badRequest(OutputStream out) throws IOException {
        out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static Headers readHeaders(InputStream in) throws IOException {
        Headers h = new Headers();
        int count = 0;
        String line;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon <= 0 || ++count > 200) {
                return null;
            }
            h.add(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        return line == null ? null : h;
    }

    /** One CRLF- (or LF-) terminated line as Latin-1, without the terminator; null at EOF. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                b.write(c);
            }
            if (b.size() > MAX_LINE) {
                throw new IOException("line too long");
            }
        }
        if (c < 0 && b.size() == 0) {
            return null;
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
