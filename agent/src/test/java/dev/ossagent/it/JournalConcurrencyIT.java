package dev.ossagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ossagent.journal.Journal;
import dev.ossagent.journal.JournaledPlan;
import dev.ossagent.journal.PendingCount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two trainers on one machine share a state dir: two JVMs write the journal at once, then two resumes race. */
class JournalConcurrencyIT {
    private static final Path JAVA = Paths.get(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path dir;

    private JvmRun worker(String... args) throws Exception {
        String classPath = Paths.get(JournalWorkerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                + java.io.File.pathSeparator
                + Paths.get(Journal.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return new JvmRun(JAVA, dir).launch("-cp", classPath, JournalWorkerMain.class.getName()).args(args);
    }

    @Test
    void twoWritersLoseNothingAndTwoResumersNeverShareAPlan() throws Exception {
        Path state = dir.resolve("state");
        JvmRun.Started first = worker("record", state.toString(), "40").start();
        JvmRun.Started second = worker("record", state.toString(), "40").start();
        assertEquals(0, first.await().exitCode);
        assertEquals(0, second.await().exitCode);

        Journal journal = new Journal(state);
        List<String> ids = journal.planIds();
        assertEquals(80, ids.size());
        assertEquals(160, PendingCount.files(state), "2 of 4 files pending in each plan");
        for (String id : ids) {
            try (JournaledPlan plan = journal.open(id)) {
                assertEquals(2, plan.pending().size(), id);
                assertEquals(2, plan.done().size(), id);
            }
        }

        JvmRun.Started resumeA = worker("finish", state.toString()).start();
        JvmRun.Started resumeB = worker("finish", state.toString()).start();
        JvmRun.Result a = resumeA.await();
        JvmRun.Result b = resumeB.await();
        assertEquals(0, a.exitCode, a.toString());
        assertEquals(0, b.exitCode, b.toString());
        int finished = Integer.parseInt(a.stdout.trim().split(" ")[1]) + Integer.parseInt(b.stdout.trim().split(" ")[1]);
        assertEquals(80, finished, "every plan finished exactly once: " + a.stdout + " / " + b.stdout);
        assertEquals(0, PendingCount.files(state));
        try (Stream<Path> left = Files.list(journal.dir())) {
            List<Path> files = left.toList();
            assertTrue(files.isEmpty(), "nothing left behind: " + files);
        }
    }
}
