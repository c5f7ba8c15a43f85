package dev.ossagent.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.ClientException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;

/** Which network failures are worth a retry, and their words; the integration test meets the real ones. */
class UnreachableTest {
    private static ClientException client(Throwable cause) {
        return new ClientException("request failed", cause);
    }

    @Test
    void aNameThatIsNotKnownIsTheSettingAndIsNotRetried() {
        ClientException e = client(new UnknownHostException("oss-test.invalid: Name or service not known"));
        assertEquals("unknown host (DNS lookup failed)", Unreachable.why(e));
        assertTrue(Unreachable.permanent(e));
        assertEquals(ErrorKind.AUTH_OR_CONFIG, ErrorKind.of(e));
    }

    @Test
    void theResolversTryAgainIsRetried() {
        ClientException e = client(new UnknownHostException("oss-cn-beijing.aliyuncs.com: Temporary failure in name resolution"));
        assertFalse(Unreachable.permanent(e));
        assertEquals(ErrorKind.TRANSIENT, ErrorKind.of(e));
    }

    @Test
    void httpsToAPlainPortIsNotRetried() {
        ClientException e = client(new SSLException("Unsupported or unrecognized SSL message"));
        assertTrue(Unreachable.why(e).startsWith("TLS handshake failed: the server does not speak TLS there"));
        assertEquals(ErrorKind.AUTH_OR_CONFIG, ErrorKind.of(e));
        assertEquals(ErrorKind.TRANSIENT, ErrorKind.of(client(new SSLException("Connection reset"))));
    }

    @Test
    void aRefusedConnectionMayComeBack() {
        ClientException e = client(new ConnectException("Connection refused"));
        assertEquals("connection refused", Unreachable.why(e));
        assertEquals(ErrorKind.TRANSIENT, ErrorKind.of(e));
    }

    @Test
    void otherFailuresAreNotAboutReachingTheServer() {
        assertNull(Unreachable.why(new IllegalStateException("x")));
    }
}
