package io.tessera.fe.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tessera.common.ManualClock;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.meta.IdGenerator;
import io.tessera.fe.meta.MetadataImage;
import io.tessera.proto.journal.JournalBatch;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots through the real Ratis journal in a temporary folder: many batches with a snapshot
 * every 10 records and 2 KiB log segments, then restarts on fresh state objects.
 */
class RatisJournalSnapshotTest {
    private static final Duration READY = Duration.ofSeconds(30);
    private static final SnapshotConfig SMALL = new SnapshotConfig(10, TimeUnit.HOURS.toMillis(1), 2048);

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_000_000);

    private Path storage() {
        return dir.resolve("ratis");
    }

    private RatisJournal open(MetadataFixture state) throws IOException {
        InetAddress address = InetAddress.getByName("127.0.53.1");
        return RatisJournal.open(state.dispatcher(), storage(), address, freePort(address), READY, SMALL, clock);
    }

    /** Writes the fixture's batches through the journal and returns the state they left. */
    private MetadataImage writeMany() throws IOException {
        MetadataFixture state = new MetadataFixture();
        try (RatisJournal journal = open(state)) {
            for (JournalBatch batch : MetadataFixture.batches(20)) {
                journal.append(batch).join();
            }
            // Snapshots are written and the log purged on other threads: wait for both, bounded.
            await().atMost(Duration.ofSeconds(20)).until(() -> files("sm", "image.").size() == SnapshotWriter.RETAINED
                    && firstLogIndex().orElse(0) > 20);
            return state.dispatcher().capture();
        }
    }

    private List<Path> files(String folder, String prefix) throws IOException {
        try (Stream<Path> groups = Files.list(storage())) {
            Path group = groups.filter(Files::isDirectory).findFirst().orElseThrow();
            Path sub = group.resolve(folder);
            try (Stream<Path> files = Files.list(sub)) {
                return files.filter(f -> f.getFileName().toString().startsWith(prefix)).sorted().toList();
            }
        }
    }

    private OptionalLong firstLogIndex() throws IOException {
        return files("current", "log_").stream()
                .map(f -> f.getFileName().toString().replace("log_inprogress_", "").replace("log_", ""))
                .mapToLong(name -> Long.parseLong(name.split("-")[0]))
                .min();
    }

    private static long nextId(MetadataImage image) {
        return image.part(IdGenerator.Image.class).nextId();
    }

    private static void assertSameState(MetadataFixture restored, MetadataImage expected) {
        MetadataImage actual = restored.dispatcher().capture();
        assertThat(actual.part(CatalogSnapshot.class)).isEqualTo(expected.part(CatalogSnapshot.class));
        assertThat(actual.part(BackendRegistry.Snapshot.class)).isEqualTo(expected.part(BackendRegistry.Snapshot.class));
        assertThat(nextId(actual)).isEqualTo(nextId(expected));
    }

    @Test
    void aRestartLoadsTheNewestSnapshotAndReplaysOnlyTheRestOfAPurgedLog() throws IOException {
        MetadataImage written = writeMany();

        assertThat(files("sm", "image.")).hasSize(SnapshotWriter.RETAINED);
        // The log behind the older snapshot is gone: the state cannot come from the log alone.
        assertThat(firstLogIndex().orElseThrow()).isGreaterThan(20);

        MetadataFixture restored = new MetadataFixture();
        try (RatisJournal journal = open(restored)) {
            assertSameState(restored, written);
            journal.append(MetadataFixture.batch(MetadataFixture.watermark(nextId(written) + 5))).join();
            assertThat(restored.ids().nextId()).isEqualTo(nextId(written) + 5);
        }
    }

    @Test
    void aCorruptNewestSnapshotFallsBackToThePreviousOne() throws IOException {
        MetadataImage written = writeMany();
        List<Path> images = files("sm", "image.");
        Path newest = images.stream().max((a, b) -> Long.compare(index(a), index(b))).orElseThrow();
        byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        MetadataFixture restored = new MetadataFixture();
        try (RatisJournal journal = open(restored)) {
            assertSameState(restored, written);
        }
        assertThat(newest.resolveSibling(newest.getFileName() + ".corrupt")).exists();
    }

    @Test
    void aWholeSnapshotWhoseRecordsContradictEachOtherFallsBackToThePreviousOne() throws IOException {
        MetadataImage written = writeMany();
        Path newest = files("sm", "image.").stream().max((a, b) -> Long.compare(index(a), index(b))).orElseThrow();
        long term = Long.parseLong(newest.getFileName().toString().replaceAll("image\\.(\\d+)_.*", "$1"));
        // Two databases with one id: the CRC is right, the contents cannot be replayed.
        MetadataImage contradictory = new MetadataImage(List.of(new IdGenerator.Image(nextId(written)),
                written.part(BackendRegistry.Snapshot.class), new CatalogSnapshot(java.util.Map.of(
                "a", new io.tessera.fe.catalog.DatabaseEntry(77, "a", 1, java.util.Map.of()),
                "b", new io.tessera.fe.catalog.DatabaseEntry(77, "b", 1, java.util.Map.of())),
                java.util.Map.of(), java.util.Map.of(), java.util.Map.of(), 0)));
        try (java.io.OutputStream out = Files.newOutputStream(newest)) {
            SnapshotCodec.write(out, term, index(newest), contradictory);
        }

        MetadataFixture restored = new MetadataFixture();
        try (RatisJournal journal = open(restored)) {
            assertSameState(restored, written);
        }
        assertThat(newest.resolveSibling(newest.getFileName() + ".corrupt")).exists();
    }

    @Test
    void noUsableSnapshotBehindAPurgedLogRefusesToStart() throws IOException {
        writeMany();
        for (Path image : files("sm", "image.")) {
            Files.write(image, new byte[] {'n', 'o', 'p', 'e'});
        }

        MetadataFixture restored = new MetadataFixture();
        assertThatThrownBy(() -> open(restored).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot recover the FE metadata")
                .hasMessageContaining("image.")
                .hasMessageContaining("were purged");
        assertThat(restored.catalog().snapshot().databases()).isEmpty();
    }

    private static long index(Path image) {
        return Long.parseLong(image.getFileName().toString().replaceAll(".*_", ""));
    }

    private static int freePort(InetAddress address) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, address)) {
            return socket.getLocalPort();
        }
    }
}
