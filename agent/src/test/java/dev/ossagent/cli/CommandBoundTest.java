package dev.ossagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.ClientException;
import dev.ossagent.failure.ErrorText;
import dev.ossagent.failure.Unreachable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --timeout} against a blackholed endpoint: a loopback socket that accepts connections and never answers.
 * Without the bound, {@code upload} spends minutes in 60 s socket timeouts and retries.
 */
class CommandBoundTest extends CliTest {
    private ServerSocket blackhole;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    @BeforeEach
    void blackhole() throws Exception {
        blackhole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(blackhole.accept()); // accepted, never read, never answered
                }
            } catch (IOException closed) {
                // the test is over
            }
        }, "blackhole");
        acceptor.setDaemon(true);
        acceptor.start();
        fixture.settings.put("ossagent.endpoint", "http://127.0.0.1:" + blackhole.getLocalPort());
        Files.writeString(dir.resolve("model.bin"), "weights");
    }

    @AfterEach
    void closeBlackhole() throws Exception {
        blackhole.close();
        for (Socket socket : held) {
            socket.close();
        }
    }

    @Test
    void uploadStopsAtTheTimeoutGivenWithExitCode12() throws Exception {
        CliFixture.Run run = fixture.cli("upload", "--timeout", "2s", "--model", dir.resolve("model.bin").toString());
        assertEquals(ExitCodes.TIMED_OUT, run.code, run.toString());
        assertTrue(run.millis < 15_000, "bounded: " + run.millis + " ms");
        assertTrue(run.err.contains("gave up after 2 s (--timeout): the command did not finish in time"), run.err);
        assertTrue(held.size() >= 1, "the endpoint accepted the connection");
    }

    @Test
    void withoutTimeoutTheExitTimeoutSettingBoundsTheCommand() throws Exception {
        fixture.settings.put("ossagent.exit.timeout", "2s");
        CliFixture.Run run = fixture.cli("list");
        assertEquals(ExitCodes.TIMED_OUT, run.code, run.toString());
        assertTrue(run.millis < 15_000, "bounded: " + run.millis + " ms");
        assertTrue(run.err.contains("gave up after 2 s (ossagent.exit.timeout, as no --timeout was given)"), run.err);
    }

    @Test
    void zeroMeansNoBoundAndABadValueIsAUsageError() throws Exception {
        CliFixture.Run bad = fixture.cli("list", "--timeout", "soon");
        assertEquals(ExitCodes.USAGE, bad.code, bad.toString());
        assertTrue(bad.err.contains("--timeout=soon is not a duration"), bad.err);
    }

    @Test
    void eachSocketTimeoutSaysTheServerAcceptedTheConnectionButDidNotAnswer() throws Exception {
        // test: 15 s socket timeout, no retries; the answer it waits for never comes.
        CliFixture.Run run = fixture.cli("test", "--timeout", "60s");
        assertTrue(run.err.contains("the server accepted the connection but did not answer"), run.toString());
        ClientException read = new ClientException("x", "SocketTimeout", "REQ",
                new SocketTimeoutException("Read timed out"));
        assertEquals(Unreachable.ACCEPTED_NO_ANSWER, Unreachable.why(read));
        assertEquals("timed out connecting", Unreachable.why(new ClientException("x", "ConnectionTimeout", "REQ",
                new SocketTimeoutException("Connect timed out"))));
        assertEquals("SocketTimeout: the server accepted the connection but did not answer", ErrorText.of(read));
    }
}
