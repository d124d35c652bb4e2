package io.tessera.be.storage.tablet;

import static io.tessera.be.storage.tablet.Batches.column;
import static io.tessera.be.storage.tablet.Batches.row;
import static io.tessera.be.storage.tablet.Batches.varchar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.be.storage.StorageRoot;
import io.tessera.common.TesseraException;
import io.tessera.proto.data.DataType;
import io.tessera.proto.data.TabletSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replicas on disk: create, write, publish, abort, drop, reload, damage. */
class TabletStoreTest {
    static final TabletSchema SCHEMA = Batches.schema(column("id", DataType.BIGINT), varchar("name", 10));

    @TempDir
    Path dir;

    private StoreFixture fixture;

    @BeforeEach
    void open() {
        fixture = new StoreFixture(dir);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private List<List<Object>> scanAll(long tabletId, long version) {
        return fixture.scan(tabletId, version, StoreFixture.project(SCHEMA)).rows();
    }

    private Path replicaDir(long tabletId) {
        return fixture.roots.get(0).dataDir().resolve(tabletId + "_" + (tabletId + 1));
    }

    @Test
    void aNewReplicaIsAFolderWithMetadataAndIsEmptyAtItsVersion() throws Exception {
        fixture.create(10, SCHEMA);

        assertThat(replicaDir(10).resolve("meta.pb")).isRegularFile();
        assertThat(replicaDir(10).resolve("pending")).isDirectory();
        ReplicaStatus status = fixture.store.replicas().get(0);
        assertThat(status.tabletId()).isEqualTo(10);
        assertThat(status.replicaId()).isEqualTo(11);
        assertThat(status.tableId()).isEqualTo(100);
        assertThat(status.partitionId()).isEqualTo(200);
        assertThat(status.version()).isEqualTo(1);
        assertThat(status.damage()).isEmpty();
        assertThat(scanAll(10, 1)).isEmpty();
    }

    @Test
    void writtenRowsAreInvisibleUntilPublishedAsTheNextVersion() throws Exception {
        fixture.create(10, SCHEMA);
        fixture.write(7, 10, Batches.batch(SCHEMA, List.of(row(1L, "a"), row(2L, null))));

        assertThat(replicaDir(10).resolve("pending/7.arrow")).isRegularFile();
        assertThat(replicaDir(10).resolve("pending/7.pb")).isRegularFile();
        assertThat(scanAll(10, 1)).isEmpty();

        fixture.publish(7, 10, 2);

        assertThat(scanAll(10, 2)).containsExactly(List.of(1L, "a"), row(2L, null));
        assertThat(scanAll(10, 1)).isEmpty();
        assertThat(replicaDir(10).resolve("pending/7.arrow")).doesNotExist();
        assertThat(replicaDir(10).resolve("pending/7.pb")).doesNotExist();
        try (Stream<Path> files = Files.list(replicaDir(10))) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("meta.pb", "pending", "2_00000000-0000-0000-0000-000000000002.arrow");
        }
        ReplicaStatus status = fixture.store.replicas().get(0);
        assertThat(status.version()).isEqualTo(2);
        assertThat(status.rowCount()).isEqualTo(2);
    }

    @Test
    void aScanSeesEveryVersionUpToTheOneAskedFor() throws Exception {
        fixture.create(10, SCHEMA);
        fixture.load(10, SCHEMA, List.of(row(1L, "a")));
        fixture.load(10, SCHEMA, List.of(row(2L, "b")));
        fixture.load(10, SCHEMA, List.of(row(3L, "c")));

        assertThat(scanAll(10, 3)).containsExactly(List.of(1L, "a"), List.of(2L, "b"));
        assertThat(scanAll(10, 4)).hasSize(3);
    }

    @Test
    void aScanOfAVersionTheReplicaDoesNotHaveFailsNamingTabletAndVersions() throws Exception {
        fixture.store.create(new ReplicaSpec(10, 11, 100, 200, SCHEMA, 3));

        assertThatThrownBy(() -> fixture.store.read(10, 11, 5)).isInstanceOf(TesseraException.class)
                .hasMessage("tablet 10 replica 11 is at version 3; cannot read version 5");
        assertThatThrownBy(() -> fixture.store.read(10, 11, 2))
                .hasMessage("tablet 10 replica 11 starts at version 3 (its creation); cannot read version 2");
        assertThatThrownBy(() -> fixture.store.read(99, 100, 1)).hasMessage("tablet 99 not found");
        assertThatThrownBy(() -> fixture.store.read(10, 12, 3))
                .hasMessage("tablet 10 replica 12 not found (this backend holds replica 11)");
    }

    @Test
    void publishMustBeTheNextVersionAndIsIdempotent() throws Exception {
        fixture.create(10, SCHEMA);
        fixture.write(7, 10, Batches.batch(SCHEMA, List.of(row(1L, "a"))));

        assertThatThrownBy(() -> fixture.publish(7, 10, 3)).isInstanceOf(TesseraException.class)
                .hasMessage("tablet 10 replica 11 is at version 1; cannot publish version 3 (expected 2)");
        assertThatThrownBy(() -> fixture.publish(7, 10, 1))
                .hasMessage("tablet 10 replica 11 is at version 1; cannot publish version 1 (expected 2)");

        fixture.publish(7, 10, 2);
        fixture.publish(7, 10, 2);

        assertThat(scanAll(10, 2)).hasSize(1);
        assertThat(fixture.store.replicas().get(0).version()).isEqualTo(2);
        assertThatThrownBy(() -> fixture.publish(7, 10, 3))
                .hasMessage("tablet 10 replica 11: transaction 7 is already published as version 2, not 3");
        assertThatThrownBy(() -> fixture.publish(8, 10, 3))
                .hasMessage("tablet 10 replica 11 has no pending rowset of transaction 8");
        assertThatThrownBy(() -> fixture.store.beginWrite(7, 10, 11))
                .hasMessage("tablet 10 replica 11: transaction 7 is already published as version 2");
    }

    @Test
    void abortDropsThePendingRowset() throws Exception {
        fixture.create(10, SCHEMA);
        fixture.create(20, SCHEMA);
        fixture.write(7, 10, Batches.batch(SCHEMA, List.of(row(1L, "a"))));
        fixture.write(7, 20, Batches.batch(SCHEMA, List.of(row(1L, "a"))));
        fixture.write(8, 20, Batches.batch(SCHEMA, List.of(row(2L, "b"))));

        assertThat(fixture.store.abort(7)).isEqualTo(2);

        assertThat(replicaDir(10).resolve("pending/7.arrow")).doesNotExist();
        assertThatThrownBy(() -> fixture.publish(7, 10, 2))
                .hasMessage("tablet 10 replica 11 has no pending rowset of transaction 7");
        fixture.publish(8, 20, 2);
        assertThat(scanAll(20, 2)).containsExactly(List.of(2L, "b"));
        assertThat(fixture.store.abort(7)).isZero();
    }

    @Test
    void anAbortWhosePendingFileCannotBeDeletedIsStillAChangeToReport() throws Exception {
        fixture.create(10, SCHEMA);
        fixture.write(7, 10, Batches.batch(SCHEMA, List.of(row(1L, "a"))));
        fixture.store.changes().take();
        Path pendingFile = replicaDir(10).resolve("pending/7.arrow");
        Files.delete(pendingFile);
        Files.createDirectories(pendingFile.resolve("blocker"));

        assertThatThrownBy(() -> fixture.store.abort(7)).isInstanceOf(IOException.class);

        assertThat(fixture.store.changes().take()).containsExactly(10L);
        assertThat(fixture.store.replica(10).orElseThrow().hasPending(7)).isFalse();
    }

    @Test
    void aRewriteOfTheSameTransactionReplacesItsPendingRowset() throws Exception {
        fixture.create(10, SCHEMA);
        fixture.write(7, 10, Batches.batch(SCHEMA, List.of(row(1L, "a"))));
        fixture.write(7, 10, Batches.batch(SCHEMA, List.of(row(2L, "b"))));

        fixture.publish(7, 10, 2);

        assertThat(scanAll(10, 2)).containsExactly(List.of(2L, "b"));
    }

    @Test
    void anUnfinishedWriteLeavesNothing() throws Exception {
        fixture.create(10, SCHEMA);
        try (PendingWrite write = fixture.store.beginWrite(7, 10, 11)) {
            write.append(Batches.batch(SCHEMA, List.of(row(1L, "a"))));
            assertThatThrownBy(() -> write.append(Batches.batch(SCHEMA, List.of(row(1L, "much too long")))))
                    .isInstanceOf(TesseraException.class);
        }
        try (Stream<Path> pending = Files.list(replicaDir(10).resolve("pending"))) {
            assertThat(pending).isEmpty();
        }
        assertThatThrownBy(() -> fixture.publish(7, 10, 2)).hasMessageContaining("no pending rowset");
    }

    @Test
    void aRestartReloadsReplicasVersionsAndPendingRowsets() throws Exception {
        fixture.create(10, SCHEMA);
        fixture.create(20, Batches.schema(column("x", DataType.INT)));
        fixture.load(10, SCHEMA, List.of(row(1L, "a")));
        fixture.load(10, SCHEMA, List.of(row(2L, "b")));
        fixture.write(9, 10, Batches.batch(SCHEMA, List.of(row(3L, "c"))));

        TabletStore restarted = fixture.restart();

        assertThat(restarted.replicas()).extracting(ReplicaStatus::tabletId, ReplicaStatus::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(10L, 3L), org.assertj.core.groups.Tuple.tuple(20L, 1L));
        assertThat(scanAll(10, 3)).containsExactly(List.of(1L, "a"), List.of(2L, "b"));
        fixture.publish(9, 10, 4);
        assertThat(scanAll(10, 4)).hasSize(3);
        assertThat(fixture.restart().replicas().get(0).version()).isEqualTo(4);
    }

    @Test
    void aCorruptedRowsetMarksTheReplicaDamagedAndScansFailClearly() throws Exception {
        fixture.create(10, SCHEMA);
        fixture.create(20, SCHEMA);
        fixture.load(10, SCHEMA, List.of(row(1L, "a")));
        fixture.load(20, SCHEMA, List.of(row(1L, "a")));
        Path rowset;
        try (Stream<Path> files = Files.list(replicaDir(10))) {
            rowset = files.filter(path -> path.toString().endsWith(".arrow")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(rowset);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(rowset, bytes);

        TabletStore restarted = fixture.restart();

        ReplicaStatus damaged = restarted.replicas().get(0);
        assertThat(damaged.tabletId()).isEqualTo(10);
        assertThat(damaged.version()).isEqualTo(2);
        assertThat(damaged.damage()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("rowset file " + rowset.getFileName() + " (version 2) has " + bytes.length
                        + " bytes and crc32c ")
                .contains("; meta.pb records " + bytes.length + " bytes and crc32c "));
        assertThatThrownBy(() -> restarted.read(10, 11, 2)).isInstanceOf(TesseraException.class)
                .hasMessageStartingWith("tablet 10 replica 11 is damaged and cannot be used: rowset file ");
        assertThatThrownBy(() -> restarted.beginWrite(8, 10, 11)).hasMessageContaining("is damaged");
        assertThat(scanAll(20, 2)).hasSize(1);
        assertThat(rowset).exists();
    }

    @Test
    void unreadableMetadataMarksTheReplicaDamaged() throws Exception {
        fixture.create(10, SCHEMA);
        Files.write(replicaDir(10).resolve("meta.pb"), new byte[] {(byte) 0xFF, 0x01, 0x02});

        TabletStore restarted = fixture.restart();

        assertThat(restarted.replicas().get(0).damage()).hasValueSatisfying(reason ->
                assertThat(reason).startsWith("meta.pb cannot be parsed"));
        assertThat(restarted.drop(10, 11)).isTrue();
    }

    @Test
    void metadataOfAnotherLayoutOrReplicaMarksTheReplicaDamaged() throws Exception {
        fixture.create(10, SCHEMA);
        fixture.create(20, SCHEMA);
        Path meta = replicaDir(10).resolve("meta.pb");
        Files.write(meta, io.tessera.proto.tablet.TabletMeta.parseFrom(Files.readAllBytes(meta)).toBuilder()
                .setFormatVersion(2).build().toByteArray());
        Files.copy(replicaDir(10).resolve("meta.pb"), replicaDir(20).resolve("meta.pb"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.write(replicaDir(20).resolve("meta.pb"), io.tessera.proto.tablet.TabletMeta.parseFrom(
                Files.readAllBytes(meta)).toBuilder().setFormatVersion(1).build().toByteArray());

        List<ReplicaStatus> replicas = fixture.restart().replicas();

        assertThat(replicas.get(0).damage()).contains("meta.pb has format version 2; this Tessera reads version 1");
        assertThat(replicas.get(1).damage()).contains("meta.pb names tablet 10 replica 11");
    }

    @Test
    void aMissingRowsetFileMarksTheReplicaDamaged() throws Exception {
        fixture.create(10, SCHEMA);
        fixture.load(10, SCHEMA, List.of(row(1L, "a")));
        try (Stream<Path> files = Files.list(replicaDir(10))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".arrow")).toList()) {
                Files.delete(file);
            }
        }

        assertThat(fixture.restart().replicas().get(0).damage()).hasValueSatisfying(reason ->
                assertThat(reason).endsWith("(version 2) is missing"));
    }

    @Test
    void loadingRemovesTheDebrisOfInterruptedWork() throws Exception {
        fixture.create(10, SCHEMA);
        fixture.load(10, SCHEMA, List.of(row(1L, "a")));
        fixture.write(8, 10, Batches.batch(SCHEMA, List.of(row(2L, "b"))));
        Path replica = replicaDir(10);
        Files.writeString(replica.resolve("3_interrupted-publish.arrow"), "orphan");
        Files.writeString(replica.resolve("meta.pb.tmp"), "half");
        Files.writeString(replica.resolve("pending/9_x.arrow.tmp"), "half");
        Files.writeString(replica.resolve("pending/10.arrow"), "no sidecar");
        Files.copy(replica.resolve("pending/8.pb"), replica.resolve("pending/11.pb"));
        Path creating = fixture.roots.get(0).dataDir().resolve(".creating-30_31");
        Files.createDirectories(creating.resolve("pending"));

        TabletStore restarted = fixture.restart();

        assertThat(replica.resolve("3_interrupted-publish.arrow")).doesNotExist();
        assertThat(replica.resolve("meta.pb.tmp")).doesNotExist();
        try (Stream<Path> pending = Files.list(replica.resolve("pending"))) {
            assertThat(pending.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("8.arrow", "8.pb");
        }
        assertThat(creating).doesNotExist();
        assertThat(restarted.replicas()).hasSize(1);
        assertThat(restarted.replicas().get(0).damage()).isEmpty();
        assertThat(restarted.replicas().get(0).pendingCount()).isEqualTo(1);
    }

    @Test
    void dropMovesTheReplicaToTrashAndIsIdempotent() throws Exception {
        fixture.create(10, SCHEMA);
        fixture.load(10, SCHEMA, List.of(row(1L, "a")));

        assertThat(fixture.store.drop(10, 12)).isFalse();
        assertThat(replicaDir(10)).isDirectory();
        assertThat(fixture.store.drop(10, 11)).isTrue();

        assertThat(replicaDir(10)).doesNotExist();
        assertThat(fixture.roots.get(0).trashDir().resolve("20261126101530-tablet-10_11").resolve("meta.pb"))
                .isRegularFile();
        assertThat(fixture.store.replicas()).isEmpty();
        assertThat(fixture.store.drop(10, 11)).isFalse();
        assertThatThrownBy(() -> fixture.store.read(10, 11, 2)).hasMessage("tablet 10 not found");
        fixture.create(10, SCHEMA);
        assertThat(fixture.store.drop(10, 11)).isTrue();
        assertThat(fixture.roots.get(0).trashDir().resolve("20261126101530-tablet-10_11-1")).isDirectory();
    }

    @Test
    void aDroppedReplicaStaysReadableByTheScansAlreadyReadingItThenGoesToTrash() throws Exception {
        fixture.create(10, SCHEMA);
        fixture.load(10, SCHEMA, List.of(row(1L, "a")));
        ReplicaReadView scan = fixture.store.read(10, 11, 2);

        assertThat(fixture.store.drop(10, 11)).isTrue();

        assertThat(fixture.store.replicas()).isEmpty();
        assertThatThrownBy(() -> fixture.store.read(10, 11, 2)).hasMessage("tablet 10 not found");
        assertThat(replicaDir(10)).as("a scan still reads it").isDirectory();
        assertThat(scan.rowsetFiles()).allSatisfy(file -> assertThat(file).isRegularFile());
        scan.close();
        assertThat(replicaDir(10)).doesNotExist();
        assertThat(fixture.roots.get(0).trashDir().resolve("20261126101530-tablet-10_11")).isDirectory();
    }

    @Test
    void anIdleOnlyDropKeepsAReplicaWithAPendingRowset() throws Exception {
        fixture.create(10, SCHEMA);
        fixture.write(7, 10, Batches.batch(SCHEMA, List.of(row(1L, "a"))));

        assertThatThrownBy(() -> fixture.store.drop(10, 11, true))
                .hasMessage("tablet 10 replica 11 has pending rowsets of a running load; kept");
        assertThat(replicaDir(10)).isDirectory();
        fixture.publish(7, 10, 2);
        assertThat(fixture.store.drop(10, 11, true)).isTrue();
        assertThat(replicaDir(10)).doesNotExist();
        assertThat(fixture.roots.get(0).trashDir().resolve("20261126101530-tablet-10_11")).isDirectory();
    }

    @Test
    void createIsIdempotentForTheSameReplicaAndRefusesAnother() throws Exception {
        fixture.create(10, SCHEMA);
        fixture.load(10, SCHEMA, List.of(row(1L, "a")));
        fixture.create(10, SCHEMA);
        assertThat(fixture.store.replicas().get(0).version()).isEqualTo(2);

        assertThatThrownBy(() -> fixture.store.create(new ReplicaSpec(10, 12, 100, 200, SCHEMA, 1)))
                .isInstanceOf(TesseraException.class)
                .hasMessage("tablet 10 already exists here as replica 11 of table 100 partition 200");
        assertThatThrownBy(() -> fixture.create(10, Batches.schema(column("id", DataType.INT))))
                .hasMessage("tablet 10 already exists here as replica 11 of table 100 partition 200 with another schema");
        assertThatThrownBy(() -> fixture.create(20, Batches.schema()))
                .hasMessage("the tablet schema has no columns");
        assertThatThrownBy(() -> fixture.create(20, Batches.schema(Batches.decimal("d", 40, 2))))
                .hasMessage("column 0 (d) has an invalid DECIMAL(40, 2): precision must be 1..38 and scale 0..precision");
        assertThatThrownBy(() -> fixture.create(20, Batches.schema(column("a", DataType.INT), column("a", DataType.INT))))
                .hasMessage("the tablet schema names column 'a' twice");
    }

    @Test
    void aNewReplicaGoesToTheRootWithTheMostFreeSpace(@TempDir Path other) throws Exception {
        try (StoreFixture twoRoots = new StoreFixture(other, 2, RowsetCompression.ZSTD)) {
            StorageRoot second = twoRoots.roots.get(1);
            twoRoots.freeBytes(root -> root == second ? 2_000 : 1_000);
            twoRoots.create(10, SCHEMA);
            assertThat(second.dataDir().resolve("10_11")).isDirectory();

            twoRoots.freeBytes(root -> root == second ? 1_000 : 2_000);
            twoRoots.store.load();
            twoRoots.create(20, SCHEMA);
            assertThat(twoRoots.roots.get(0).dataDir().resolve("20_21")).isDirectory();
            assertThat(twoRoots.restart().replicas()).hasSize(2);
        }
    }

    @Test
    void movingARootsDataToTrashForgetsItsReplicas() throws Exception {
        fixture.create(10, SCHEMA);
        fixture.store.moveDataToTrash(fixture.roots.get(0), "20261126-backend-1");

        assertThat(fixture.store.replicas()).isEmpty();
        assertThat(fixture.roots.get(0).trashDir().resolve("20261126-backend-1/10_11/meta.pb")).isRegularFile();
        fixture.create(10, SCHEMA);
        assertThat(replicaDir(10)).isDirectory();
    }

    @Test
    void dataUsedBytesIsTheSizeOfTheReplicaFiles() throws Exception {
        fixture.create(10, SCHEMA);
        fixture.load(10, SCHEMA, List.of(row(1L, "a"), row(2L, "b")));
        long expected;
        try (Stream<Path> files = Files.walk(replicaDir(10))) {
            expected = files.filter(Files::isRegularFile).mapToLong(path -> {
                try {
                    return Files.size(path);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sum();
        }

        assertThat(fixture.roots.get(0).usage().dataUsedBytes()).isEqualTo(expected).isGreaterThan(500);
        ReplicaStatus status = fixture.store.replicas().get(0);
        assertThat(status.dataBytes()).isPositive().isLessThan(expected);
    }

    @Test
    void replicasOfDifferentTabletsAreWrittenConcurrently() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            long tablet = 10 * (t + 1);
            fixture.create(tablet, SCHEMA);
            threads.add(new Thread(() -> {
                try {
                    for (int version = 2; version <= 6; version++) {
                        fixture.write(version, tablet, Batches.batch(SCHEMA, List.of(row((long) version, "x"))));
                        fixture.publish(version, tablet, version);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
        assertThat(fixture.store.replicas()).allSatisfy(status -> assertThat(status.version()).isEqualTo(6));
        assertThat(scanAll(30, 6)).hasSize(5);
    }

    @Test
    void scansSeeAConsistentSnapshotWhilePublishesGoOn() throws Exception {
        fixture.create(10, SCHEMA);
        List<List<Object>> tenRows = new ArrayList<>();
        for (long i = 0; i < 10; i++) {
            tenRows.add(row(i, "r"));
        }
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean publishing = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread publisher = new Thread(() -> {
            try {
                for (int i = 0; i < 30; i++) {
                    fixture.load(10, SCHEMA, tenRows);
                }
            } catch (Throwable e) {
                failures.add(e);
            } finally {
                publishing.set(false);
            }
        });
        List<Thread> readers = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger scans = new java.util.concurrent.atomic.AtomicInteger();
        for (int r = 0; r < 2; r++) {
            readers.add(new Thread(() -> {
                try {
                    while (publishing.get() || scans.get() < 10) {
                        long version = fixture.store.replica(10).orElseThrow().meta().getVersion();
                        assertThat(scanAll(10, version)).hasSize((int) (version - 1) * 10);
                        scans.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        publisher.start();
        readers.forEach(Thread::start);
        publisher.join();
        for (Thread reader : readers) {
            reader.join();
        }
        assertThat(failures).isEmpty();
        assertThat(scanAll(10, 31)).hasSize(300);
    }
}
