package dev.ossagent.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Every printed URL loses its user-info and its query, and keeps where it went. */
class ShownUrlTest {
    @Test
    void userInfoAndQueryAreDroppedAndTheRestKept() {
        assertEquals("http://sts.internal:8080/path", ShownUrl.of("http://user:pass@sts.internal:8080/path"));
        assertEquals("https://host/creds?...", ShownUrl.of("https://a:b@host/creds?token=abc#frag"));
        assertEquals("http://100.100.100.200", ShownUrl.of("http://x@100.100.100.200"));
        assertEquals("http://host/a@b", ShownUrl.of("http://host/a@b"), "an @ in the path is not user-info");
        assertEquals("host.example", ShownUrl.of("user:pw@host.example"), "no scheme: still dropped");
        assertEquals("https://host", ShownUrl.of("https://host"));
    }

    @Provide
    Arbitrary<String> secrets() {
        return Arbitraries.strings().withChars("abcXYZ019-_.~%!$&'()*+,;=:").ofMinLength(6).ofMaxLength(30)
                .filter(s -> s.contains("Z"));
    }

    @Property(tries = 300)
    void noUserInfoOrQueryEverShows(@ForAll("secrets") String userInfo, @ForAll("secrets") String query) {
        String marked = "SECRET" + userInfo;
        String shown = ShownUrl.of("https://" + marked + "@oss.example.com:8443/p?" + "Q" + query);
        assertFalse(shown.contains("SECRET"), shown);
        assertFalse(shown.contains("Q" + query), shown);
        assertTrue(shown.startsWith("https://oss.example.com:8443/p"), shown);
    }
}
