package io.tessera.be.storage.compaction;

import static io.tessera.be.storage.compaction.CompactionFixture.REPLICA;
import static io.tessera.be.storage.compaction.CompactionFixture.SCHEMA;
import static io.tessera.be.storage.compaction.CompactionFixture.TABLET;
import static io.tessera.be.storage.compaction.CompactionFixture.rowsUpTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.be.storage.compaction.Compactor.CompactionResult;
import io.tessera.be.storage.compaction.Compactor.PreparedCompaction;
import io.tessera.be.storage.tablet.Checksums;
import io.tessera.be.storage.tablet.Checksums.FileChecksum;
import io.tessera.be.storage.tablet.ReplicaReadView;
import io.tessera.be.storage.tablet.RowsetVersions;
import io.tessera.be.storage.tablet.StoreFixture;
import io.tessera.common.TesseraException;
import io.tessera.proto.tablet.RowsetMeta;
import io.tessera.proto.tablet.TabletMeta;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Merging a replica's rowsets: content, version ranges, checksums, file lifetime, crashes, restarts. */
class CompactorTest {
    private static final int ROWS = 50;

    @TempDir
    Path dir;

    @Test
    void mergesTheRowsetsIntoOneWithTheSameRowsTheirVersionRangeAndAChecksum() throws Exception {
        try (CompactionFixture fixture = new CompactionFixture(dir, Duration.ZERO)) {
            fixture.load(8, ROWS);
            List<RowsetMeta> before = fixture.replica().meta().getRowsetsList();

            CompactionResult result = fixture.compactor(5).compact(fixture.replica()).orElseThrow();

            assertThat(result.inputRowsets()).isEqualTo(8);
            assertThat(result.startVersion()).isEqualTo(2);
            assertThat(result.endVersion()).isEqualTo(9);
            assertThat(result.rowCount()).isEqualTo(8 * ROWS);
            TabletMeta meta = fixture.replica().meta();
            assertThat(meta.getVersion()).isEqualTo(9);
            assertThat(meta.getRowsetsList()).hasSize(1);
            RowsetMeta merged = meta.getRowsets(0);
            assertThat(RowsetVersions.start(merged)).isEqualTo(2);
            assertThat(RowsetVersions.end(merged)).isEqualTo(9);
            assertThat(merged.getRowCount()).isEqualTo(8 * ROWS);
            assertThat(merged.getMergedTransactionIdsList()).containsExactlyElementsOf(
                    LongStream.rangeClosed(1002, 1009).boxed().toList());
            assertThat(merged.getFileName()).startsWith("2_9_").endsWith(".arrow");
            FileChecksum checksum = Checksums.of(fixture.replicaDir().resolve(merged.getFileName()));
            assertThat(checksum.byteSize()).isEqualTo(merged.getByteSize());
            assertThat(checksum.crc32c()).isEqualTo(merged.getCrc32C());
            assertThat(fixture.scan(9)).containsExactlyElementsOf(rowsUpTo(8, ROWS));
            assertThat(fixture.rowsetFiles()).containsExactly(merged.getFileName());
            assertThat(before).allSatisfy(input ->
                    assertThat(fixture.replicaDir().resolve(input.getFileName())).doesNotExist());
            assertThat(fixture.store.store.replicas().get(0).rowsetCount()).isEqualTo(1);
            assertThat(fixture.store.store.replicas().get(0).rowCount()).isEqualTo(8 * ROWS);

            // Loads go on after it, and a repeated publish of a merged load stays idempotent.
            fixture.load(1, ROWS);
            assertThat(fixture.scan(10)).containsExactlyElementsOf(rowsUpTo(9, ROWS));
            fixture.store.publish(1005, TABLET, 5);
            assertThatThrownBy(() -> fixture.store.publish(1005, TABLET, 6))
                    .hasMessage("tablet 10 replica 11: transaction 1005 is already published as version 5, not 6");
            assertThatThrownBy(() -> fixture.store.store.beginWrite(1004, TABLET, REPLICA))
                    .hasMessage("tablet 10 replica 11: transaction 1004 is already published as version 4");
        }
    }

    @Test
    void aReplicaWithFewRowsetsIsLeftAlone() throws Exception {
        try (CompactionFixture fixture = new CompactionFixture(dir, Duration.ZERO)) {
            fixture.load(5, ROWS);
            assertThat(fixture.compactor(5).compact(fixture.replica())).isEmpty();
            assertThat(fixture.replica().meta().getRowsetsCount()).isEqualTo(5);
        }
    }

    @Test
    void aScanOpenedBeforeACompactionReadsItsFilesUntilClosedThenTheyAreDeleted() throws Exception {
        try (CompactionFixture fixture = new CompactionFixture(dir, Duration.ZERO)) {
            fixture.load(6, ROWS);
            List<String> inputs = fixture.rowsetFiles();
            ReplicaReadView view = fixture.store.store.read(TABLET, REPLICA, 7);

            fixture.compactor(5).compact(fixture.replica()).orElseThrow();

            assertThat(fixture.rowsetFiles()).containsAll(inputs).hasSize(7);
            assertThat(fixture.store.scan(view, StoreFixture.project(SCHEMA)).rows())
                    .containsExactlyElementsOf(rowsUpTo(6, ROWS));
            assertThat(fixture.replica().staleRowsetCount()).isEqualTo(6);
            view.close();
            assertThat(fixture.rowsetFiles()).hasSize(1).doesNotContainAnyElementsOf(inputs);
            assertThat(fixture.replica().staleRowsetCount()).isZero();
            view.close();
            assertThat(fixture.scan(7)).containsExactlyElementsOf(rowsUpTo(6, ROWS));
        }
    }

    @Test
    void replacedRowsetsServeOlderVersionsForTheKeepTimeThenGo() throws Exception {
        try (CompactionFixture fixture = new CompactionFixture(dir, Duration.ofSeconds(60))) {
            fixture.load(7, ROWS);
            fixture.compactor(5).compact(fixture.replica()).orElseThrow();

            for (int version = 1; version <= 8; version++) {
                assertThat(fixture.scan(version)).containsExactlyElementsOf(rowsUpTo(version - 1, ROWS));
            }
            assertThat(fixture.rowsetFiles()).hasSize(8);
            fixture.store.clock.advance(59, TimeUnit.SECONDS);
            assertThat(fixture.replica().sweepStaleRowsets()).isZero();
            fixture.store.clock.advance(1, TimeUnit.SECONDS);
            assertThat(fixture.replica().sweepStaleRowsets()).isEqualTo(7);

            assertThat(fixture.rowsetFiles()).hasSize(1);
            assertThat(fixture.scan(8)).containsExactlyElementsOf(rowsUpTo(7, ROWS));
            assertThat(fixture.scan(1)).isEmpty();
            assertThatThrownBy(() -> fixture.scan(5)).isInstanceOf(TesseraException.class)
                    .hasMessage("tablet 10 replica 11 cannot read version 5: versions 2-8 were merged by compaction; "
                            + "read version 8 or later");
        }
    }

    @Test
    void laterCompactionsMergeMergedRowsetsWithNewLoadsAndOldVersionsStayReadable() throws Exception {
        try (CompactionFixture fixture = new CompactionFixture(dir, Duration.ofSeconds(60))) {
            Compactor compactor = fixture.compactor(3);
            for (int round = 0; round < 6; round++) {
                fixture.load(4, ROWS);
                compactor.compact(fixture.replica());
            }
            TabletMeta meta = fixture.replica().meta();
            assertThat(meta.getVersion()).isEqualTo(25);
            assertThat(meta.getRowsetsCount()).isLessThanOrEqualTo(4);
            long reached = 1;
            for (RowsetMeta rowset : meta.getRowsetsList()) {
                assertThat(RowsetVersions.start(rowset)).isEqualTo(reached + 1);
                reached = RowsetVersions.end(rowset);
                assertThat(RowsetVersions.transactions(rowset)).hasSize((int) RowsetVersions.span(rowset));
            }
            for (int version = 1; version <= 25; version++) {
                assertThat(fixture.scan(version)).containsExactlyElementsOf(rowsUpTo(version - 1, ROWS));
            }
        }
    }

    @Test
    void aRestartAfterACompactionReloadsTheMergedRowsetAndRemovesTheReplacedFiles() throws Exception {
        try (CompactionFixture fixture = new CompactionFixture(dir, Duration.ofSeconds(300))) {
            fixture.load(6, ROWS);
            fixture.compactor(5).compact(fixture.replica()).orElseThrow();
            TabletMeta compacted = fixture.replica().meta();
            assertThat(fixture.rowsetFiles()).hasSize(7);

            fixture.store.restart();

            assertThat(fixture.replica().damage()).isEmpty();
            assertThat(fixture.replica().meta()).isEqualTo(compacted);
            assertThat(fixture.rowsetFiles()).containsExactly(compacted.getRowsets(0).getFileName());
            assertThat(fixture.scan(7)).containsExactlyElementsOf(rowsUpTo(6, ROWS));
            fixture.store.publish(1003, TABLET, 3);
            fixture.load(1, ROWS);
            assertThat(fixture.scan(8)).containsExactlyElementsOf(rowsUpTo(7, ROWS));
        }
    }

    @Test
    void aCrashBetweenTheMergedFileAndTheMetaSwapLeavesTheOldRowsetsAndTheStrayFileIsCleaned() throws Exception {
        try (CompactionFixture fixture = new CompactionFixture(dir, Duration.ZERO)) {
            fixture.load(6, ROWS);
            TabletMeta before = fixture.replica().meta();
            List<String> inputs = fixture.rowsetFiles();

            PreparedCompaction prepared = fixture.compactor(5).prepare(fixture.replica()).orElseThrow();
            Path stray = fixture.replicaDir().resolve(prepared.merged().getFileName());
            assertThat(stray).isRegularFile();
            Files.write(fixture.replicaDir().resolve("2_7_half-written.arrow.tmp"), new byte[] {1, 2, 3});
            // The process dies here: meta.pb still lists the six rowsets.

            fixture.store.restart();

            assertThat(fixture.replica().meta()).isEqualTo(before);
            assertThat(stray).doesNotExist();
            assertThat(fixture.rowsetFiles()).containsExactlyElementsOf(inputs);
            assertThat(fixture.scan(7)).containsExactlyElementsOf(rowsUpTo(6, ROWS));
            assertThat(fixture.compactor(5).compact(fixture.replica())).isPresent();
            assertThat(fixture.scan(7)).containsExactlyElementsOf(rowsUpTo(6, ROWS));
        }
    }

    @Test
    void aCommitAfterTheInputsChangedIsRefusedAndItsFileRemoved() throws Exception {
        try (CompactionFixture fixture = new CompactionFixture(dir, Duration.ZERO)) {
            fixture.load(6, ROWS);
            Compactor compactor = fixture.compactor(5);
            PreparedCompaction first = compactor.prepare(fixture.replica()).orElseThrow();
            PreparedCompaction second = compactor.prepare(fixture.replica()).orElseThrow();
            compactor.commit(first);

            assertThatThrownBy(() -> compactor.commit(second)).isInstanceOf(TesseraException.class)
                    .hasMessage("tablet 10 replica 11: the rowsets to merge are no longer current");
            assertThat(fixture.replicaDir().resolve(second.merged().getFileName())).doesNotExist();
            assertThat(fixture.rowsetFiles()).containsExactly(first.merged().getFileName());
            assertThat(fixture.scan(7)).containsExactlyElementsOf(rowsUpTo(6, ROWS));
        }
    }

    @Test
    void aDamagedInputIsNotCompacted() throws Exception {
        try (CompactionFixture fixture = new CompactionFixture(dir, Duration.ZERO)) {
            fixture.load(6, ROWS);
            RowsetMeta third = fixture.replica().meta().getRowsets(2);
            Path file = fixture.replicaDir().resolve(third.getFileName());
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 0x10;
            Files.write(file, bytes);
            List<String> before = fixture.rowsetFiles();

            assertThatThrownBy(() -> fixture.compactor(5).compact(fixture.replica()))
                    .isInstanceOf(TesseraException.class)
                    .hasMessageStartingWith("tablet 10 replica 11: rowset file " + third.getFileName() + " (version 4) has ")
                    .hasMessageEndingWith(": not compacted");
            assertThat(fixture.rowsetFiles()).isEqualTo(before);
            assertThat(fixture.replica().meta().getRowsetsCount()).isEqualTo(6);
        }
    }

    @Test
    void metasWrittenBeforeVersionRangesAreReadAndCompacted() throws Exception {
        try (CompactionFixture fixture = new CompactionFixture(dir, Duration.ZERO)) {
            fixture.load(6, ROWS);
            Path metaFile = fixture.replicaDir().resolve("meta.pb");
            TabletMeta.Builder old = TabletMeta.parseFrom(Files.readAllBytes(metaFile)).toBuilder();
            for (int i = 0; i < old.getRowsetsCount(); i++) {
                old.setRowsets(i, old.getRowsets(i).toBuilder().clearStartVersion().clearEndVersion());
            }
            Files.write(metaFile, old.build().toByteArray());

            fixture.store.restart();

            assertThat(fixture.replica().damage()).isEmpty();
            assertThat(fixture.scan(5)).containsExactlyElementsOf(rowsUpTo(4, ROWS));
            fixture.compactor(5).compact(fixture.replica()).orElseThrow();
            assertThat(RowsetVersions.describe(fixture.replica().meta().getRowsets(0))).isEqualTo("versions 2-7");
            assertThat(fixture.scan(7)).containsExactlyElementsOf(rowsUpTo(6, ROWS));
        }
    }
}
