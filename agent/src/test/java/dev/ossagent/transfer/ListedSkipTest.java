package dev.ossagent.transfer;

import dev.ossagent.journal.UploadedFile;
import dev.ossagent.plan.PlannedFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Skip-unchanged from one listing of the shared prefix, not a HEAD per file. */
class ListedSkipTest {
    @TempDir
    Path dir;

    private static List<String> requests(TransferFixture oss, long after) {
        List<String> log = oss.server.requestLog();
        return log.subList((int) after, log.size()).stream().map(line -> line.substring(0, line.indexOf(" -> ")))
                .collect(Collectors.toList());
    }

    private static List<UploadedFile> uploadAll(TransferFixture oss, List<PlannedFile> files) {
        ObjectUploader uploader = new ObjectUploader(oss.client, oss.settings);
        uploader.listBefore(files);
        List<UploadedFile> results = new ArrayList<>();
        for (PlannedFile file : files) {
            results.add(uploader.upload(file, null));
        }
        return results;
    }

    @Test
    void unchangedFilesCostOneListingAndChangedOnesAreSent() throws Exception {
        try (TransferFixture oss = new TransferFixture(dir)) {
            List<Path> paths = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                paths.add(oss.file("shard-" + i + ".bin", 20_000, i));
            }
            Path big = oss.file("big.bin", 450_000, 99); // multipart: its ETag is no MD5
            paths.add(big);
            List<PlannedFile> files = new ArrayList<>();
            for (Path path : paths) {
                files.add(oss.planned(path));
            }
            uploadAll(oss, files);
            List<String> firstRun = requests(oss, 0);
            assertEquals(1, firstRun.stream().filter(r -> r.startsWith("GET /" + TransferFixture.BUCKET + "/?list-type=2")).count(),
                    firstRun.toString());
            assertEquals(1, firstRun.stream().filter(r -> r.startsWith("HEAD")).count(),
                    "only the first file, before the listing: " + firstRun);

            byte[] changed = Files.readAllBytes(paths.get(2));
            changed[100] ^= 1; // same size, other bytes
            Files.write(paths.get(2), changed);
            int before = oss.server.requestLog().size();
            List<UploadedFile> second = uploadAll(oss, files);

            List<String> secondRun = requests(oss, before);
            assertEquals(List.of("HEAD", "GET", "PUT", "HEAD"), secondRun.stream().map(r -> r.substring(0, r.indexOf(' ')))
                    .collect(Collectors.toList()), "the first file, one listing, the changed file, a HEAD for the multipart one: "
                    + secondRun);
            assertTrue(secondRun.get(2).startsWith("PUT /" + TransferFixture.BUCKET + "/models/shard-2.bin"), secondRun.toString());
            assertEquals(4, oss.lines("the same size and MD5 (its ETag); not sent again"), oss.log());
            assertEquals(2, oss.lines("is already in OSS with the same size and CRC64"), "shard-0 by HEAD, big.bin: " + oss.log());
            assertEquals(6, second.stream().filter(UploadedFile::skipped).count());
            assertTrue(oss.storedEquals(paths.get(2), "models/shard-2.bin"));
        }
    }
}
