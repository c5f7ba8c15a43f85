package dev.ossagent.download;

import com.aliyun.oss.OSSException;
import dev.ossagent.integrity.Crc64;
import dev.ossagent.integrity.FileDigest;
import dev.ossagent.manifest.StoredManifest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileFetchTest {
    @TempDir
    Path tmp;
    Path dir;
    Path target;
    byte[] bytes;
    StoredManifest.Entry entry;

    /** Serves {@link #served}; records the offset of each open; honours ranges unless told not to. */
    final List<Long> opened = new ArrayList<>();
    byte[] served;
    boolean honourRanges = true;
    long breakAfter = -1;

    final ObjectSource source = (bucket, key, from) -> {
        opened.add(from);
        long start = honourRanges ? from : 0;
        InputStream in = new ByteArrayInputStream(served, (int) start, served.length - (int) start);
        if (breakAfter >= 0) {
            long limit = breakAfter;
            breakAfter = -1;
            in = new InputStream() {
                final InputStream body = new ByteArrayInputStream(served, (int) start, (int) limit);

                @Override
                public int read() throws IOException {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = body.read(b, off, len);
                    if (n < 0) {
                        throw new IOException("connection reset");
                    }
                    return n;
                }
            };
        }
        return new ObjectSource.Body(in, start);
    };

    @BeforeEach
    void oneMegabyte() throws Exception {
        dir = tmp.toRealPath();
        target = dir.resolve("model.pt");
        bytes = new byte[1_000_003];
        new Random(7).nextBytes(bytes);
        served = bytes;
        entry = entryFor(bytes);
    }

    static StoredManifest.Entry entryFor(byte[] bytes) throws Exception {
        String json = "{\"format\": \"oss-agent-manifest/1\", \"files\": [{\"bucket\": \"b\", \"key\": \"models/model.pt\","
                + " \"size\": " + bytes.length + ", \"crc64\": \"" + Long.toUnsignedString(Crc64.update(0, bytes, 0,
                bytes.length)) + "\", \"sha256\": \"" + FileDigest.hex(FileDigest.sha256().digest(bytes)) + "\"}]}";
        return StoredManifest.parse(json).files().get(0);
    }

    private FetchOutcome fetch() throws IOException {
        return new FileFetch(source).fetch(entry, target, null);
    }

    @Test
    void aFreshDownloadIsVerifiedAndMovedIntoPlace() throws Exception {
        FetchOutcome outcome = fetch();
        assertEquals(FetchOutcome.Kind.FETCHED, outcome.kind, outcome.detail);
        assertArrayEquals(bytes, Files.readAllBytes(target));
        assertFalse(Files.exists(LocalTarget.partial(target)));
        assertEquals(List.of(0L), opened);
    }

    @Test
    void aFileAlreadyThereWithTheSameBytesIsNotFetched() throws Exception {
        Files.write(target, bytes);
        assertEquals(FetchOutcome.Kind.ALREADY_THERE, fetch().kind);
        assertEquals(List.of(), opened);
    }

    @Test
    void aFileThereWithOtherBytesOfTheSameSizeIsReplaced() throws Exception {
        byte[] other = bytes.clone();
        other[500] ^= 1;
        Files.write(target, other);
        assertEquals(FetchOutcome.Kind.FETCHED, fetch().kind);
        assertArrayEquals(bytes, Files.readAllBytes(target));
    }

    @Test
    void aPartialFileIsContinuedWithARangeRequest() throws Exception {
        Files.write(LocalTarget.partial(target), Arrays.copyOf(bytes, 400_000));
        FetchOutcome outcome = fetch();
        assertEquals(FetchOutcome.Kind.FETCHED, outcome.kind);
        assertEquals("continued from 400000 bytes already in the partial file", outcome.detail);
        assertEquals(List.of(400_000L), opened);
        assertEquals(bytes.length - 400_000, outcome.received);
        assertArrayEquals(bytes, Files.readAllBytes(target));
    }

    @Test
    void aTransferThatBreaksOffLeavesThePartialFileForTheNextRun() throws Exception {
        breakAfter = 300_000;
        FetchOutcome first = fetch();
        assertEquals(FetchOutcome.Kind.INTERRUPTED, first.kind);
        assertTrue(first.detail.startsWith("the transfer broke off after 300000 of 1000003 bytes"), first.detail);
        assertFalse(Files.exists(target), "nothing unverified appears under the final name");
        assertEquals(300_000, Files.size(LocalTarget.partial(target)));

        assertEquals(FetchOutcome.Kind.FETCHED, fetch().kind);
        assertEquals(List.of(0L, 300_000L), opened);
        assertArrayEquals(bytes, Files.readAllBytes(target));
    }

    @Test
    void aServerThatIgnoresTheRangeStartsTheFileOver() throws Exception {
        Files.write(LocalTarget.partial(target), Arrays.copyOf(bytes, 400_000));
        honourRanges = false;
        assertEquals(FetchOutcome.Kind.FETCHED, fetch().kind);
        assertArrayEquals(bytes, Files.readAllBytes(target));
    }

    @Test
    void aPartialFileOfOtherBytesIsDiscardedAndFetchedWhole() throws Exception {
        byte[] stale = Arrays.copyOf(bytes, 400_000);
        stale[10] ^= 1;
        Files.write(LocalTarget.partial(target), stale);
        assertEquals(FetchOutcome.Kind.FETCHED, fetch().kind);
        assertEquals(List.of(400_000L, 0L), opened);
        assertArrayEquals(bytes, Files.readAllBytes(target));
    }

    @Test
    void anObjectNowShorterThanThePartialFileIsFetchedWholeAndFails() throws Exception {
        Files.write(LocalTarget.partial(target), Arrays.copyOf(bytes, 400_000));
        served = Arrays.copyOf(bytes, 1000);
        ObjectSource strict = (bucket, key, from) -> {
            if (from >= served.length) {
                opened.add(from);
                throw new OSSException("The requested range cannot be satisfied.", "InvalidRange", "id", "host", null,
                        null, "GET");
            }
            return source.open(bucket, key, from);
        };
        FetchOutcome outcome = new FileFetch(strict).fetch(entry, target, null);
        assertEquals(FetchOutcome.Kind.NOT_VERIFIED, outcome.kind);
        assertEquals("its size is 1000 bytes, the manifest says 1000003; not kept", outcome.detail);
        assertEquals(List.of(400_000L, 0L), opened);
        assertFalse(Files.exists(LocalTarget.partial(target)), "nothing left to fail the next run alike");
    }

    @Test
    void bytesThatDoNotMatchTheManifestAreNotKept() throws Exception {
        served = bytes.clone();
        served[123_456] ^= 0x40;
        FetchOutcome outcome = fetch();
        assertEquals(FetchOutcome.Kind.NOT_VERIFIED, outcome.kind);
        assertTrue(outcome.detail.startsWith("its CRC64 is "), outcome.detail);
        assertTrue(outcome.detail.endsWith(", the manifest says " + Long.toUnsignedString(entry.crc64) + "; not kept"),
                outcome.detail);
        assertFalse(Files.exists(target));
        assertFalse(Files.exists(LocalTarget.partial(target)));
    }

    @Test
    void aLongerObjectFailsOnItsSize() throws Exception {
        served = Arrays.copyOf(bytes, bytes.length + 10);
        FetchOutcome outcome = fetch();
        assertEquals(FetchOutcome.Kind.NOT_VERIFIED, outcome.kind);
        assertEquals("it has more bytes than the manifest's 1000003; not kept", outcome.detail);
        assertFalse(Files.exists(target));
    }

    @Test
    void aLinkPlantedWhileTheDownloadStartsIsNotWrittenThrough() throws Exception {
        Path outside = Files.writeString(tmp.resolve("victim.txt"), "keep me");
        ObjectSource planting = (bucket, key, from) -> {
            Files.createSymbolicLink(LocalTarget.partial(target), outside); // after the partial file was checked
            return source.open(bucket, key, from);
        };
        assertThrows(IOException.class, () -> new FileFetch(planting).fetch(entry, target, null));
        assertEquals("keep me", Files.readString(outside));
        assertFalse(Files.exists(target));
    }

    @Test
    void aLinkAtThePartialNameIsRemovedNotWrittenThrough() throws Exception {
        Path outside = Files.writeString(tmp.resolve("victim.txt"), "keep me");
        Files.createSymbolicLink(LocalTarget.partial(target), outside);
        assertEquals(FetchOutcome.Kind.FETCHED, fetch().kind);
        assertEquals("keep me", Files.readString(outside));
        assertArrayEquals(bytes, Files.readAllBytes(target));
    }
}
