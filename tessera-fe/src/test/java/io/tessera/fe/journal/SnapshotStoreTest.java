package io.tessera.fe.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.fe.meta.MetadataImage;
import io.tessera.proto.journal.JournalBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {
    @TempDir
    Path dir;

    private static MetadataImage image(int databases) {
        MetadataFixture state = new MetadataFixture();
        for (JournalBatch batch : MetadataFixture.batches(databases)) {
            state.dispatcher().replay(batch);
        }
        return state.dispatcher().capture();
    }

    private static long databases(SnapshotStore.Selection selection) {
        return selection.loaded().orElseThrow().contents().records().stream().filter(r -> r.hasDatabase()).count();
    }

    @Test
    void choosesTheHighestIndexAndKeepsTheNewestTwo() throws IOException {
        SnapshotStore store = new SnapshotStore(dir);
        store.write(1, 50, image(1));
        store.write(2, 300, image(3));
        store.write(1, 100, image(2));

        SnapshotStore.Selection selection = store.loadNewestValid();
        assertThat(selection.loaded().orElseThrow().file().index()).isEqualTo(300);
        assertThat(selection.loaded().orElseThrow().file().term()).isEqualTo(2);
        assertThat(databases(selection)).isEqualTo(3);
        assertThat(selection.rejected()).isEmpty();

        List<SnapshotStore.SnapshotFile> kept = store.retainNewest(2);
        assertThat(kept).extracting(SnapshotStore.SnapshotFile::index).containsExactly(300L, 100L);
        assertThat(dir.resolve("image.1_50")).doesNotExist();
        assertThat(store.list()).hasSize(2);
    }

    @Test
    void aCorruptNewestIsSetAsideAndThePreviousUsed() throws IOException {
        SnapshotStore store = new SnapshotStore(dir);
        store.write(1, 100, image(2));
        Path newest = store.write(1, 200, image(3)).path();
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(newest, bytes);

        SnapshotStore.Selection selection = store.loadNewestValid();

        assertThat(selection.loaded().orElseThrow().file().index()).isEqualTo(100);
        assertThat(databases(selection)).isEqualTo(2);
        assertThat(selection.rejected()).singleElement().asString().contains("image.1_200");
        assertThat(newest).doesNotExist();
        assertThat(dir.resolve("image.1_200.corrupt")).exists();
        assertThat(store.list()).extracting(SnapshotStore.SnapshotFile::index).containsExactly(100L);
    }

    @Test
    void aHalfWrittenOrRenamedFileIsNeverChosen() throws IOException {
        SnapshotStore store = new SnapshotStore(dir);
        store.write(1, 100, image(1));
        Path full = store.write(1, 200, image(2)).path();
        // A crash while writing leaves a temporary file; a truncated file under a final name
        // (a disk that lost the tail) and a file whose header disagrees with its name are refused.
        Files.write(dir.resolve("image.1_300.tmp"), Files.readAllBytes(full));
        byte[] bytes = Files.readAllBytes(full);
        Files.write(dir.resolve("image.1_250"), java.util.Arrays.copyOf(bytes, bytes.length - 9));
        Files.copy(full, dir.resolve("image.1_260"));

        SnapshotStore.Selection selection = store.loadNewestValid();

        assertThat(selection.loaded().orElseThrow().file().index()).isEqualTo(200);
        assertThat(selection.rejected()).hasSize(2);
        assertThat(selection.rejected().get(0)).contains("image.1_260").contains("not what its name says");
        assertThat(selection.rejected().get(1)).contains("image.1_250");
        assertThat(dir.resolve("image.1_300.tmp")).doesNotExist();
    }

    @Test
    void noSnapshotsIsAnEmptySelection() throws IOException {
        SnapshotStore.Selection selection = new SnapshotStore(dir.resolve("absent")).loadNewestValid();
        assertThat(selection.loaded()).isEmpty();
        assertThat(selection.rejected()).isEmpty();
    }

    @Test
    void theLogMustHoldEverythingAfterTheLoadedSnapshot() throws IOException {
        Path log = Files.createDirectories(dir.resolve("current"));
        // A fresh FE: no log, no snapshot.
        LogCoverageCheck.requireCovered(log, -1, List.of());
        Files.createFile(log.resolve("log_0-99"));
        Files.createFile(log.resolve("log_inprogress_100"));
        LogCoverageCheck.requireCovered(log, -1, List.of());
        LogCoverageCheck.requireCovered(log, 150, List.of());
        Files.delete(log.resolve("log_0-99"));
        // Entries 0-99 are gone: a snapshot at 99 or later covers them, nothing else does.
        LogCoverageCheck.requireCovered(log, 99, List.of());
        assertThatThrownBy(() -> LogCoverageCheck.requireCovered(log, 50, List.of()))
                .isInstanceOf(LogCoverageCheck.UnrecoverableMetadataException.class)
                .hasMessageContaining("starts at entry 100").hasMessageContaining("snapshot index 50");
        assertThatThrownBy(() -> LogCoverageCheck.requireCovered(log, -1, List.of("sm/image.1_120 (CRC-32C)")))
                .hasMessageContaining("unusable snapshots sm/image.1_120 (CRC-32C)")
                .hasMessageContaining("Refusing to start");
        // Every entry purged and no usable snapshot left.
        Files.delete(log.resolve("log_inprogress_100"));
        assertThatThrownBy(() -> LogCoverageCheck.requireCovered(log, -1, List.of("sm/image.1_120 (truncated)")))
                .hasMessageContaining("holds no entries");
    }
}
