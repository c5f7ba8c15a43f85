package dev.ossagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A prefix that cannot begin an OSS key fails when settings are checked, naming the setting. */
class KeyPrefixTest {
    @TempDir
    Path dir;

    private Settings load(String extra) throws Exception {
        Path file = Files.writeString(dir.resolve("oss-agent.properties"), "ossagent.target.class=T\n"
                + "ossagent.model.bucket=models-bucket\n" + extra);
        return Settings.parse(RawSettings.load(file.toString(), Map.of(), new Properties()));
    }

    private String fails(String extra) {
        return assertThrows(SettingsException.class, () -> load(extra)).getMessage();
    }

    @Test
    void usablePrefixesAreKeptWithOneFinalSlash() throws Exception {
        assertEquals("runs/7/", load("ossagent.model.prefix=runs/7\n").modelPrefix());
        assertEquals("a/b/", load("ossagent.model.prefix=a\\\\b\\\\\n").modelPrefix());
        assertEquals("v1..2/", load("ossagent.model.prefix=v1..2\n").modelPrefix());
        assertEquals("training-data/", load("").dataPrefix());
    }

    @Test
    void dotDotSegmentsLeadingSlashEmptySegmentsAndControlCharactersAreRejected() {
        assertEquals("ossagent.model.prefix=models/../other/ cannot begin an OSS object key: it has a \"..\" segment;"
                + " write it as folder/sub/, for example ossagent.model.prefix=models/", fails("ossagent.model.prefix=models/../other/\n"));
        assertEquals("ossagent.data.prefix=/training-data/ cannot begin an OSS object key: it starts with /;"
                + " write it as folder/sub/, for example ossagent.data.prefix=models/", fails("ossagent.data.prefix=/training-data/\n"));
        assertEquals("ossagent.model.prefix=a//b cannot begin an OSS object key: it has an empty segment (//);"
                + " write it as folder/sub/, for example ossagent.model.prefix=models/", fails("ossagent.model.prefix=a//b\n"));
        assertEquals("ossagent.model.prefix=a/./b cannot begin an OSS object key: it has a \".\" segment;"
                + " write it as folder/sub/, for example ossagent.model.prefix=models/", fails("ossagent.model.prefix=a/./b\n"));
        assertEquals("ossagent.model.prefix=a\\eb/ cannot begin an OSS object key: it holds a control character;"
                + " write it as folder/sub/, for example ossagent.model.prefix=models/", fails("ossagent.model.prefix=a\\u001bb/\n"));
    }

    @Test
    void aPrefixThatLeavesNoRoomForAFileNameUnderOssKeyLimitIsRefusedAtStartUp() throws Exception {
        assertEquals(1000, load("ossagent.model.prefix=" + "p".repeat(999) + "\n").modelPrefix().length());
        String message = fails("ossagent.model.prefix=" + "p".repeat(1100) + "\n");
        assertTrue(message.contains("no key fits OSS's 1023-byte limit"), message);
    }
}
