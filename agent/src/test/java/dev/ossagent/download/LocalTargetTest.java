package dev.ossagent.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTargetTest {
    @TempDir
    Path tmp;

    @Test
    void namesThatCouldLeaveTheFolderAreRefused() {
        assertNull(LocalTarget.problem("model.pt"));
        assertNull(LocalTarget.problem("sub/dir/model.pt"));
        assertNull(LocalTarget.problem("模型 v1+final.pt"));
        assertNull(LocalTarget.problem("a..b/c.."), "dots inside a name are fine");
        assertEquals("it has a \"..\" segment", LocalTarget.problem("../escape.pt"));
        assertEquals("it has a \"..\" segment", LocalTarget.problem("sub/../../escape.pt"));
        assertEquals("it has a \".\" segment", LocalTarget.problem("./a"));
        assertEquals("it is an absolute path", LocalTarget.problem("/etc/cron.d/x"));
        assertEquals("it starts with a drive letter", LocalTarget.problem("C:/Windows/x"));
        assertEquals("it starts with a drive letter", LocalTarget.problem("c:x"));
        assertEquals("it holds a backslash", LocalTarget.problem("..\\..\\x"));
        assertEquals("it holds a control character", LocalTarget.problem("a\nb"));
        assertEquals("it holds a control character", LocalTarget.problem("a\u0000b"));
        assertEquals("it holds a control character", LocalTarget.problem("a\u001b[2Jb"));
        assertEquals("it has an empty segment (//)", LocalTarget.problem("a//b"));
        assertEquals("it names a folder", LocalTarget.problem("a/"));
        assertEquals("it is empty", LocalTarget.problem(""));
        assertEquals("it ends with .oss-agent-part, the name of partial downloads",
                LocalTarget.problem("a.pt.oss-agent-part"));
    }

    @Test
    void foldersOnTheWayAreCreated() throws Exception {
        Path dir = tmp.toRealPath();
        Path target = LocalTarget.prepare(dir, "a/b/c.pt");
        assertEquals(dir.resolve("a/b/c.pt"), target);
        assertTrue(Files.isDirectory(dir.resolve("a/b")));
        assertEquals(dir.resolve("a/b/c.pt.oss-agent-part"), LocalTarget.partial(target));
    }

    @Test
    void aLinkPlantedInTheFolderIsNeverFollowed() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("dl")).toRealPath();
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.createSymbolicLink(dir.resolve("sub"), outside);
        Files.createSymbolicLink(dir.resolve("model.pt"), outside.resolve("model.pt"));

        UnsafeTarget viaFolder = assertThrows(UnsafeTarget.class, () -> LocalTarget.prepare(dir, "sub/deeper/x.pt"));
        assertEquals(dir.resolve("sub") + " is a symbolic link; it is not followed, nothing is written for it",
                viaFolder.getMessage());
        assertThrows(UnsafeTarget.class, () -> LocalTarget.prepare(dir, "model.pt"));
        try (Stream<Path> files = Files.list(outside)) {
            assertEquals(0, files.count(), "nothing created outside");
        }
        assertFalse(Files.exists(outside.resolve("deeper")));
    }

    @Test
    void aFileWhereAFolderShouldBeIsLeftAlone() throws Exception {
        Path dir = tmp.toRealPath();
        Files.writeString(dir.resolve("a"), "mine");
        assertThrows(UnsafeTarget.class, () -> LocalTarget.prepare(dir, "a/b.pt"));
        Files.createDirectory(dir.resolve("c.pt"));
        assertThrows(UnsafeTarget.class, () -> LocalTarget.prepare(dir, "c.pt"));
        assertThrows(UnsafeTarget.class, () -> LocalTarget.prepare(dir, "../x.pt"));
        assertEquals("mine", Files.readString(dir.resolve("a")));
    }
}
