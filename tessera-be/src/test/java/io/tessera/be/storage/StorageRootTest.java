package io.tessera.be.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One storage root: layout, durable identity files, trash moves and sizes. */
class StorageRootTest {
    @TempDir
    Path dir;

    @Test
    void openCreatesTheLayout() throws IOException {
        Path path = dir.resolve("disk1/storage");
        StorageRoot root = StorageRoot.open(path);
        assertThat(root.path()).isEqualTo(path);
        assertThat(path.resolve("data")).isDirectory();
        assertThat(path.resolve("trash")).isDirectory();
        assertThat(root.clusterId()).isEmpty();
        assertThat(root.token()).isEmpty();
        assertThat(root.backendId()).isEmpty();
    }

    @Test
    void identityIsWrittenDurablyAndReadBack() throws IOException {
        StorageRoot root = StorageRoot.open(dir);
        root.storeCluster(1234, "token-a");
        root.storeBackendId(10001);
        assertThat(Files.readString(dir.resolve("cluster_id"))).isEqualTo("1234\n");
        assertThat(Files.readString(dir.resolve("token"))).isEqualTo("token-a\n");
        assertThat(Files.readString(dir.resolve("backend_id"))).isEqualTo("10001\n");
        assertThat(tempFiles()).isEmpty();

        root.storeBackendId(10002);
        assertThat(Files.readString(dir.resolve("backend_id"))).isEqualTo("10002\n");
        assertThat(tempFiles()).isEmpty();

        StorageRoot reopened = StorageRoot.open(dir);
        assertThat(reopened.clusterId()).isEqualTo(OptionalLong.of(1234));
        assertThat(reopened.token()).isEqualTo(Optional.of("token-a"));
        assertThat(reopened.backendId()).isEqualTo(OptionalLong.of(10002));
    }

    @Test
    void openRemovesWhatACrashLeftAndKeepsTheCommittedFile() throws IOException {
        StorageRoot.open(dir).storeBackendId(10001);
        Files.writeString(dir.resolve("backend_id.tmp"), "100");
        StorageRoot reopened = StorageRoot.open(dir);
        assertThat(reopened.backendId()).isEqualTo(OptionalLong.of(10001));
        assertThat(dir.resolve("backend_id.tmp")).doesNotExist();
    }

    @Test
    void cleanTrashEmptiesTheTrashAndKeepsTheData() throws IOException {
        StorageRoot root = StorageRoot.open(dir);
        Path dropped = root.trashDir().resolve("20260101000000/10010_10011");
        Files.createDirectories(dropped);
        Files.write(dropped.resolve("meta.pb"), new byte[100]);
        Files.write(root.trashDir().resolve("loose"), new byte[20]);
        Files.createDirectories(root.dataDir().resolve("10020_10021"));
        Files.write(root.dataDir().resolve("10020_10021/meta.pb"), new byte[7]);

        assertThat(root.cleanTrash()).isEqualTo(120);
        assertThat(root.trashDir()).isEmptyDirectory();
        assertThat(root.dataDir().resolve("10020_10021/meta.pb")).exists();
        assertThat(root.cleanTrash()).isZero();
    }

    @Test
    void aDamagedIdFileIsAnError() throws IOException {
        Files.writeString(dir.resolve("cluster_id"), "not-a-number\n");
        assertThatThrownBy(() -> StorageRoot.open(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot read " + dir.resolve("cluster_id") + ": 'not-a-number' is not an id");
    }

    @Test
    void moveDataToTrashMovesEveryReplicaFolderAtOnce() throws IOException {
        StorageRoot root = StorageRoot.open(dir);
        writeFile(root.dataDir().resolve("10001/0/rowset.arrow"), 100);
        writeFile(root.dataDir().resolve("10002/0/rowset.arrow"), 50);

        TrashMove move = root.moveDataToTrash("20261126101530-backend-7");

        Path trash = dir.resolve("trash/20261126101530-backend-7");
        assertThat(move).isEqualTo(new TrashMove(trash, 2));
        assertThat(trash.resolve("10001/0/rowset.arrow")).hasSize(100);
        assertThat(trash.resolve("10002/0/rowset.arrow")).hasSize(50);
        assertThat(root.dataDir()).isEmptyDirectory();

        TrashMove again = root.moveDataToTrash("20261126101530-backend-7");
        assertThat(again).isEqualTo(new TrashMove(dir.resolve("trash/20261126101530-backend-7-1"), 0));
        assertThat(again.trashFolder()).isEmptyDirectory();
        assertThat(root.dataDir()).isEmptyDirectory();
    }

    @Test
    void moveDataToTrashRecreatesAMissingDataFolder() throws IOException {
        StorageRoot root = StorageRoot.open(dir);
        Files.delete(root.dataDir());
        assertThat(root.moveDataToTrash("x").replicaFolders()).isZero();
        assertThat(root.dataDir()).isEmptyDirectory();
    }

    @Test
    void usageReportsTheFileSystemAndTheBytesUnderDataAndTrash() throws IOException {
        StorageRoot root = StorageRoot.open(dir);
        writeFile(root.dataDir().resolve("10001/0/a"), 1000);
        writeFile(root.dataDir().resolve("10001/0/b"), 24);
        writeFile(root.trashDir().resolve("old/10000/c"), 500);

        DiskUsage usage = root.usage();

        assertThat(usage.path()).isEqualTo(dir);
        assertThat(usage.dataUsedBytes()).isEqualTo(1024);
        assertThat(usage.trashUsedBytes()).isEqualTo(500);
        assertThat(usage.totalBytes()).isEqualTo(Files.getFileStore(dir).getTotalSpace()).isPositive();
        assertThat(usage.availableBytes()).isPositive().isLessThanOrEqualTo(usage.totalBytes());
    }

    @Test
    void bytesUnderAMissingFolderIsZero() throws IOException {
        assertThat(StorageRoot.bytesUnder(dir.resolve("absent"))).isZero();
    }

    @Test
    void durableWriteReplacesContent() throws IOException {
        Path file = dir.resolve("f");
        DurableFiles.writeString(file, "one");
        DurableFiles.writeString(file, "two");
        assertThat(file).hasContent("two");
        assertThat(dir.resolve("f.tmp")).doesNotExist();
    }

    private List<Path> tempFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    private static void writeFile(Path file, int bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[bytes]);
    }
}
