package dev.ossagent.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state dir is the user's alone, as ssh has it: made 0700/0600, and not used when anyone else could write it. */
class StateDirTest {
    /** Someone who is not the user running the tests, whoever that is: a check that trusts only them. */
    private static final OwnerCheck SOMEONE_ELSE = new OwnerCheck(new UserPrincipal() {
        @Override
        public String getName() {
            return "someone-else";
        }
    });

    @TempDir
    Path tmp;

    private static List<JournalEntry> entries(Path dir) {
        return List.of(new JournalEntry(1, dir.resolve("a.pt"), "models-bucket", "models/a.pt", 10));
    }

    private static PlanRecord draft() {
        return PlanRecord.now("com.example.Trainer#train", "/runs/7/a.pt", "http://127.0.0.1:1", "models-bucket",
                "models/oss-agent-manifest.json");
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void foldersAreMade0700AndJournalFiles0600() throws Exception {
        Path state = tmp.resolve("state");
        StateDir dir = StateDir.at(state);
        assertTrue(dir.usable(), dir.problem());
        JournaledPlan plan = dir.journal().record(draft(), entries(tmp));
        plan.close();

        for (Path folder : List.of(state, state.resolve("journal"), state.resolve("multipart"))) {
            assertEquals("rwx------", mode(folder), folder.toString());
        }
        try (Stream<Path> files = Files.list(state.resolve("journal"))) {
            for (Path file : files.toList()) {
                assertEquals("rw-------", mode(file), file.toString());
                assertFalse(file.toString().endsWith(".tmp"), "no temporary file is left: " + file);
            }
        }
    }

    @Test
    void aStateDirOthersMayWriteIsNotUsedAndSaysWhatToRun() throws Exception {
        Path state = Files.createDirectories(tmp.resolve("state"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxrwxrwx"));

        StateDir dir = StateDir.at(state);

        assertFalse(dir.usable());
        assertNull(dir.journal());
        assertNull(dir.checkpoints());
        assertTrue(dir.problem().startsWith("the state dir " + state + " is not used: it is writable by other users"
                + " (rwxrwxrwx)"), dir.problem());
        assertTrue(dir.problem().contains("Run: chmod -R go-w " + state), dir.problem());
    }

    @Test
    void aStateDirOfAnotherUserIsNotUsed() throws Exception {
        Path state = Files.createDirectories(tmp.resolve("state"));

        StateDir dir = StateDir.at(state, SOMEONE_ELSE);

        assertFalse(dir.usable());
        assertTrue(dir.problem().contains("is owned by " + Files.getOwner(state).getName()
                + ", not by you (someone-else)"), dir.problem());
        assertTrue(dir.problem().contains("chown -R \"$(id -u)\" " + state), dir.problem());
    }

    @Test
    void aPlantedJournalFileIsRefused() throws Exception {
        Path state = tmp.resolve("state");
        JournaledPlan plan = StateDir.at(state).journal().record(draft(), entries(tmp));
        String id = plan.record().id();
        plan.close();
        Journal journal = StateDir.at(state).journal();
        Path planFile = journal.planFile(id);

        assertThrows(UntrustedJournalFile.class, () -> new Journal(state, SOMEONE_ELSE).open(id),
                "a plan file of another user");
        Files.setPosixFilePermissions(planFile, PosixFilePermissions.fromString("rw-rw-rw-"));
        UntrustedJournalFile refused = assertThrows(UntrustedJournalFile.class, () -> journal.open(id));
        assertTrue(refused.getMessage().contains(planFile + " is writable by other users"), refused.getMessage());

        Files.setPosixFilePermissions(planFile, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(journal.entryFile(id, 1, Journal.PENDING), PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThrows(UntrustedJournalFile.class, () -> journal.open(id), "an entry anyone could have rewritten");
    }

    @Test
    void noHomeMeansNoStateDirAndSaysWhichSettingToSet() {
        StateDir dir = StateDir.at(null);
        assertFalse(dir.usable());
        assertTrue(dir.problem().contains("user.home is unknown") && dir.problem().contains("ossagent.state.dir"),
                dir.problem());
    }

    @Test
    void aStateDirThatCannotBeCreatedIsNotUsable() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        StateDir dir = StateDir.at(file.resolve("state"));
        assertFalse(dir.usable());
        assertTrue(dir.problem().contains("cannot be created"), dir.problem());
    }

    private static void chmod(Path path, String octal) throws Exception {
        Process chmod = new ProcessBuilder("chmod", octal, path.toString()).inheritIO().start();
        assertEquals(0, chmod.waitFor());
    }

    private static void chownToNobody(Path path) throws Exception {
        Files.setOwner(path, path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
    }

    @Test
    void aStateDirInAFolderOthersMayWriteHoldsNoJournal() throws Exception {
        Path shared = Files.createDirectories(tmp.resolve("team-scratch"));
        chmod(shared, "0777");
        StateDir dir = StateDir.at(shared.resolve("state"));

        assertFalse(dir.usable());
        assertNull(dir.journal());
        assertNull(dir.weaveCache());
        assertTrue(dir.problem().startsWith("the state dir " + shared.resolve("state") + " is not used: the folder "
                + shared.toRealPath() + " is writable by other users (0777, not sticky), so another user could swap"),
                dir.problem());
    }

    @Test
    void stickyFoldersAboveAreFineOnlyWhenRootsAndForeignOnesAreNot() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "needs root to give a folder to another user");
        Path sticky = Files.createDirectories(tmp.resolve("like-tmp"));
        chmod(sticky, "1777");
        assertTrue(StateDir.at(sticky.resolve("state")).usable(), "root's and sticky, like /tmp");

        Path theirs = Files.createDirectories(tmp.resolve("theirs"));
        chmod(theirs, "1777");
        chownToNobody(theirs);
        String problem = StateDir.at(theirs.resolve("state")).problem();
        assertTrue(problem.contains("the folder " + theirs.toRealPath() + " is owned by nobody, neither by you"),
                problem);

        Path readOnlyTheirs = Files.createDirectories(tmp.resolve("read-only-theirs"));
        chmod(readOnlyTheirs, "0755");
        Files.createDirectories(readOnlyTheirs.resolve("state"));
        chownToNobody(readOnlyTheirs);
        assertFalse(StateDir.at(readOnlyTheirs.resolve("state")).usable(), "a folder above that is someone else's");
    }
}
