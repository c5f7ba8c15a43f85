package dev.ossagent.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MaskingTest {
    private static final String SECRET = "Abcdefghij0123456789KLMNOPqrst";

    @Test
    void anIdShowsAtMostItsLastFourCharacters() {
        assertEquals("****1234", Masking.id("LTAI-MADEUPID1234"));
        assertEquals("****5678", Masking.id("STS.NUabcdefgh5678"));
        assertEquals("(none)", Masking.id(""));
    }

    @Test
    void aSecretInTheIdPlaceShowsNothingOfIt() {
        assertEquals("****", Masking.id(SECRET));
        assertEquals("****", Masking.id("LTAI12"));
        assertEquals("****", Masking.id("LTAI/with+slash=="));
    }

    @Test
    void aValueThatCouldBeAKeyIsNeverEchoed() {
        assertEquals("(30 characters, not shown: it could be a key)", Masking.value(SECRET));
        assertFalse(Masking.value("made-up-secret-never-print-0001").contains("never"));
        assertFalse(Masking.value("dGhpcyBpcyBhIHRva2Vu/+9z==").contains("dGhp"));
    }

    @Test
    void wordsSizesDurationsAndPathsAreEchoedEscaped() {
        assertEquals("30 minutes", Masking.value("30 minutes"));
        assertEquals("abc123", Masking.value("abc123"));
        assertEquals("9999999999999999d", Masking.value("9999999999999999d"));
        assertEquals("(20 characters, not shown: it could be a key)", Masking.value("AbcdefghijKLMNOPqrst"));
        assertEquals("oss-cn-beijing.aliyuncs.com", Masking.value("oss-cn-beijing.aliyuncs.com"));
        assertEquals("hktech-agent-models", Masking.value("hktech-agent-models"));
        assertEquals("/data/run7/model.pt", Masking.value("/data/run7/model.pt"));
        assertEquals("a\\nb", Masking.value("a\nb"));
    }

    @Test
    void keyLikeWordsInFreeTextAreHidden() {
        String shown = Masking.keysIn("Invalid value for option '--connections': '" + SECRET + "' is not an int");
        assertEquals("Invalid value for option '--connections': '(30 characters, not shown: it could be a key)'"
                + " is not an int", shown);
        assertTrue(Masking.keysIn("Unknown option: '-x'").equals("Unknown option: '-x'"));
    }
}
