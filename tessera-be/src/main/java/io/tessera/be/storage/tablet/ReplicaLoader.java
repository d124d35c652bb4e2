package io.tessera.be.storage.tablet;

import com.google.protobuf.InvalidProtocolBufferException;
import io.tessera.be.storage.DurableFiles;
import io.tessera.be.storage.tablet.Checksums.FileChecksum;
import io.tessera.proto.tablet.RowsetMeta;
import io.tessera.proto.tablet.TabletMeta;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one replica folder at BE start: parses {@code meta.pb}, checks that its ids match the folder,
 * verifies that the rowsets' version ranges follow each other without gaps or overlaps and the size
 * and CRC-32C of every rowset file, removes debris of interrupted work (temporary files, rowset
 * files outside meta.pb: a publish or compaction a crash interrupted before its meta.pb write, or
 * files a compaction replaced, pending files without a valid sidecar, pending files of transactions
 * already published), and keeps the valid pending rowsets. A replica whose
 * metadata or published data is wrong is loaded as damaged (logged once, with the reason) rather than
 * dropped, so scans of it fail clearly and an operator can look at the files. Stateless.
 */
final class ReplicaLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaLoader.class);

    private final Supplier<UUID> uuids;
    private final StaleRowsetRetention retention;
    private final TabletChanges changes;

    ReplicaLoader(Supplier<UUID> uuids, StaleRowsetRetention retention, TabletChanges changes) {
        this.uuids = uuids;
        this.retention = retention;
        this.changes = changes;
    }

    Replica load(Path rootPath, Path dir, long tabletId, long replicaId) throws IOException {
        ReplicaLayout layout = new ReplicaLayout(dir);
        TabletMeta idsOnly = TabletMeta.newBuilder().setTabletId(tabletId).setReplicaId(replicaId).build();
        TabletMeta meta;
        try {
            meta = TabletMeta.parseFrom(Files.readAllBytes(layout.metaFile()));
        } catch (NoSuchFileException e) {
            return damaged(rootPath, layout, idsOnly, "meta.pb is missing");
        } catch (InvalidProtocolBufferException e) {
            return damaged(rootPath, layout, idsOnly, "meta.pb cannot be parsed: " + e.getMessage());
        }
        if (meta.getFormatVersion() != TabletStore.FORMAT_VERSION) {
            return damaged(rootPath, layout, idsOnly, "meta.pb has format version " + meta.getFormatVersion()
                    + "; this Tessera reads version " + TabletStore.FORMAT_VERSION);
        }
        if (meta.getTabletId() != tabletId || meta.getReplicaId() != replicaId) {
            return damaged(rootPath, layout, idsOnly, "meta.pb names tablet " + meta.getTabletId() + " replica "
                    + meta.getReplicaId());
        }
        deleteTemporaryFiles(dir);
        Optional<String> damage = verifyRowsets(layout, meta);
        if (damage.isPresent()) {
            return damaged(rootPath, layout, meta, damage.get());
        }
        deleteOrphanRowsets(layout, meta);
        Map<Long, RowsetMeta> pending = loadPending(layout, meta);
        return new Replica(tabletId, replicaId, rootPath, layout, meta, pending, Optional.empty(), uuids, retention, changes);
    }

    private Replica damaged(Path rootPath, ReplicaLayout layout, TabletMeta meta, String reason) {
        LOG.error("replica {} is damaged and will not be served: {}", layout.dir(), reason);
        return new Replica(meta.getTabletId(), meta.getReplicaId(), rootPath, layout, meta, Map.of(),
                Optional.of(reason), uuids, retention, changes);
    }

    private static Optional<String> verifyRowsets(ReplicaLayout layout, TabletMeta meta) throws IOException {
        long reached = meta.getCreatedVersion();
        for (RowsetMeta rowset : meta.getRowsetsList()) {
            long start = RowsetVersions.start(rowset);
            long end = RowsetVersions.end(rowset);
            String versions = RowsetVersions.describe(rowset);
            if (start != reached + 1 || end < start) {
                return Optional.of("meta.pb lists " + versions + " where " + (reached + 1)
                        + " belongs next");
            }
            if (rowset.getMergedTransactionIdsCount() > 0 && rowset.getMergedTransactionIdsCount() != end - start + 1) {
                return Optional.of("meta.pb lists " + rowset.getMergedTransactionIdsCount()
                        + " transactions for the rowset of " + versions);
            }
            reached = end;
            Path file = layout.rowsetFile(rowset.getFileName());
            if (!Files.isRegularFile(file)) {
                return Optional.of("rowset file " + rowset.getFileName() + " (" + versions + ") is missing");
            }
            FileChecksum actual = Checksums.of(file);
            if (actual.byteSize() != rowset.getByteSize() || actual.crc32c() != rowset.getCrc32C()) {
                return Optional.of("rowset file " + rowset.getFileName() + " (" + versions
                        + ") has " + actual.byteSize() + " bytes and crc32c " + FileChecksum.hex(actual.crc32c())
                        + "; meta.pb records " + rowset.getByteSize() + " bytes and crc32c "
                        + FileChecksum.hex(rowset.getCrc32C()));
            }
        }
        if (reached != meta.getVersion()) {
            return Optional.of("meta.pb says version " + meta.getVersion() + " but its rowsets reach " + reached);
        }
        return Optional.empty();
    }

    private static void deleteTemporaryFiles(Path dir) throws IOException {
        for (Path folder : List.of(dir, dir.resolve(ReplicaLayout.PENDING_DIR))) {
            for (Path file : list(folder)) {
                if (file.getFileName().toString().endsWith(DurableFiles.TEMP_SUFFIX)) {
                    LOG.info("removing {}, left by an interrupted write", file);
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /**
     * Removes rowset files that are not in meta.pb: a publish or compaction was interrupted before
     * its meta.pb write, or a compaction replaced them (stale rowsets are not kept across restarts).
     */
    private static void deleteOrphanRowsets(ReplicaLayout layout, TabletMeta meta) throws IOException {
        Set<String> known = new HashSet<>();
        meta.getRowsetsList().forEach(rowset -> known.add(rowset.getFileName()));
        for (Path file : list(layout.dir())) {
            String name = file.getFileName().toString();
            if (name.endsWith(ReplicaLayout.ROWSET_SUFFIX) && !known.contains(name)) {
                LOG.info("removing {}: not in meta.pb (left by an interrupted publish or compaction, "
                        + "or replaced by a compaction)", file);
                Files.deleteIfExists(file);
            }
        }
    }

    private static Map<Long, RowsetMeta> loadPending(ReplicaLayout layout, TabletMeta meta) throws IOException {
        DurableFiles.createDirectory(layout.pendingDir());
        Set<Long> published = new HashSet<>();
        meta.getRowsetsList().forEach(rowset -> published.addAll(RowsetVersions.transactions(rowset)));
        Set<Long> transactions = new HashSet<>();
        for (Path file : list(layout.pendingDir())) {
            ReplicaLayout.parsePendingName(file.getFileName().toString()).ifPresent(transactions::add);
        }
        Map<Long, RowsetMeta> pending = new TreeMap<>();
        for (long transactionId : transactions) {
            Optional<String> problem = published.contains(transactionId) ? Optional.of("already published")
                    : checkPending(layout, transactionId);
            if (problem.isEmpty()) {
                pending.put(transactionId, RowsetMeta.parseFrom(Files.readAllBytes(
                        layout.pendingSidecar(transactionId))));
                continue;
            }
            LOG.info("{}: removing the pending rowset of transaction {}: {}", layout.dir(), transactionId,
                    problem.get());
            Files.deleteIfExists(layout.pendingFile(transactionId));
            Files.deleteIfExists(layout.pendingSidecar(transactionId));
        }
        return pending;
    }

    private static Optional<String> checkPending(ReplicaLayout layout, long transactionId) throws IOException {
        Path file = layout.pendingFile(transactionId);
        Path sidecar = layout.pendingSidecar(transactionId);
        if (!Files.exists(file)) {
            return Optional.of("its rowset file is missing");
        }
        if (!Files.exists(sidecar)) {
            return Optional.of("its write did not finish (no sidecar)");
        }
        RowsetMeta expected;
        try {
            expected = RowsetMeta.parseFrom(Files.readAllBytes(sidecar));
        } catch (InvalidProtocolBufferException e) {
            return Optional.of("its sidecar cannot be parsed");
        }
        FileChecksum actual = Checksums.of(file);
        if (actual.byteSize() != expected.getByteSize() || actual.crc32c() != expected.getCrc32C()) {
            return Optional.of("its checksum does not match its sidecar");
        }
        return Optional.empty();
    }

    private static List<Path> list(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(Files::isRegularFile).toList();
        }
    }
}
