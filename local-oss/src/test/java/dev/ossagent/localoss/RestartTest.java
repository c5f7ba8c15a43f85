package dev.ossagent.localoss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests stop a server and start another on its port (a server back after an outage): that must work at once. */
class RestartTest {
    @TempDir
    Path root;

    @Test
    void aStoppedServersPortCanBeTakenAtOnce() throws Exception {
        LocalOss first = LocalOss.builder().port(0).root(root).bucket("b-models").credentials("LTAI-TESTKEYID0001", "made-up-secret-0001").build().start();
        int port = first.port();
        first.stop();
        for (int i = 0; i < 30; i++) {
            LocalOss again = LocalOss.builder().port(port).root(root).bucket("b-models").credentials("LTAI-TESTKEYID0001", "made-up-secret-0001").build().start();
            HttpURLConnection c = (HttpURLConnection) new URL(again.endpoint() + "/").openConnection();
            assertEquals(403, c.getResponseCode(), "an unsigned request is refused, so the server answered");
            c.disconnect();
            again.stop();
        }
    }
}
