package io.tessera.be.storage.tablet;

import io.tessera.be.storage.BackendFailure;
import io.tessera.proto.backend.StatusCode;
import io.tessera.be.storage.DurableFiles;
import io.tessera.be.storage.tablet.Checksums.FileChecksum;
import io.tessera.be.storage.tablet.RowsetWriter.WrittenRowset;
import io.tessera.common.TesseraException;
import io.tessera.proto.data.TabletSchema;
import io.tessera.proto.tablet.RowsetMeta;
import io.tessera.proto.tablet.TabletMeta;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica held by this BE: its folder, its metadata (the last durably written {@code meta.pb}),
 * its pending rowsets, and whether it is damaged or dropped. Publishing makes a pending rowset a
 * version: the file is hard-linked under its final name ({@code <version>_<uuid>.arrow}), the new
 * {@code meta.pb} is written durably, and only then is the pending file removed, so a crash at any
 * point leaves either the old state (and a loader-removed orphan) or the new one. A compaction's
 * commit works the same way: its merged file is already in place, and writing {@code meta.pb}
 * with the merged rowset in place of its inputs is the one step that makes it count.
 *
 * <p>Threading: thread-safe. Changes (install, publish, abort, compaction commit, drop) are
 * serialized on the replica's monitor; readers open views through {@link PublishedRowsets}, which
 * never waits for a change's disk writes, so a scan sees one consistent rowset list while
 * publishes and compactions go on.
 */
public final class Replica {
    private static final Logger LOG = LoggerFactory.getLogger(Replica.class);

    private final long tabletId;
    private final long replicaId;
    private final Path rootPath;
    private final ReplicaLayout layout;
    private final Supplier<UUID> uuids;
    private final Map<Long, RowsetMeta> pending;
    private final PublishedRowsets rowsets;
    private final Optional<String> damage;
    private final TabletChanges changes;
    private volatile boolean dropped;

    /**
     * @param meta    the replica's metadata (for a damaged replica whose meta.pb is unreadable: ids only)
     * @param pending verified pending rowsets by transaction id
     * @param damage  why the replica cannot be read or written; empty when healthy
     * @param retention how long rowsets a compaction replaced stay readable for older versions
     * @param changes   where each change of what the replica reports is marked, for incremental reports
     */
    Replica(long tabletId, long replicaId, Path rootPath, ReplicaLayout layout, TabletMeta meta,
            Map<Long, RowsetMeta> pending, Optional<String> damage, Supplier<UUID> uuids,
            StaleRowsetRetention retention, TabletChanges changes) {
        this.tabletId = tabletId;
        this.replicaId = replicaId;
        this.rootPath = rootPath;
        this.layout = layout;
        this.rowsets = new PublishedRowsets("tablet " + tabletId + " replica " + replicaId, layout, meta,
                retention.clock(), retention.keepNanos());
        this.pending = new HashMap<>(pending);
        this.damage = damage;
        this.uuids = uuids;
        this.changes = changes;
    }

    public long tabletId() {
        return tabletId;
    }

    public long replicaId() {
        return replicaId;
    }

    /** The storage root the replica lives on. */
    public Path rootPath() {
        return rootPath;
    }

    public ReplicaLayout layout() {
        return layout;
    }

    public TabletMeta meta() {
        return rowsets.meta();
    }

    public Optional<String> damage() {
        return damage;
    }

    public synchronized ReplicaStatus status() {
        TabletMeta current = rowsets.meta();
        long rows = 0;
        long bytes = 0;
        for (RowsetMeta rowset : current.getRowsetsList()) {
            rows += rowset.getRowCount();
            bytes += rowset.getByteSize();
        }
        return new ReplicaStatus(tabletId, replicaId, current.getTableId(), current.getPartitionId(),
                current.getVersion(), current.getRowsetsCount(), rows, bytes, pending.keySet().stream().sorted().toList(),
                layout.dir(), damage);
    }

    /**
     * The rowset files a scan at {@code version} reads; they stay on disk until the view is closed.
     *
     * @throws TesseraException when the replica is damaged or dropped, or does not have that version
     */
    public ReplicaReadView readAt(long version) {
        requireUsable();
        return rowsets.open(replicaId, version);
    }

    /**
     * The current metadata with a view of its rowset files, kept on disk until closed.
     *
     * @throws TesseraException when the replica is damaged or dropped
     */
    public ReplicaSnapshot snapshot() {
        requireUsable();
        return rowsets.openCurrent(replicaId);
    }

    /** The schema rows written to this replica must have. */
    public TabletSchema schema() {
        return rowsets.meta().getSchema();
    }

    /**
     * Checks that a transaction may write to this replica.
     *
     * @throws TesseraException when the replica is damaged or dropped, or the transaction is published
     */
    public void checkWritable(long transactionId) {
        requireUsable();
        OptionalLong published = publishedVersion(rowsets.meta(), transactionId);
        if (published.isPresent()) {
            throw new BackendFailure(StatusCode.CONFLICT, describe() + ": transaction " + transactionId
                    + " is already published as version " + published.getAsLong());
        }
    }

    /**
     * Makes a finished rowset file the transaction's pending rowset (replacing an earlier one): it is
     * renamed to {@code pending/<txn>.arrow} and its sidecar written, both durably.
     */
    public synchronized void installPending(long transactionId, WrittenRowset written) throws IOException {
        checkWritable(transactionId);
        DurableFiles.rename(written.file(), layout.pendingFile(transactionId));
        RowsetMeta sidecar = RowsetMeta.newBuilder()
                .setFileName(ReplicaLayout.PENDING_DIR + "/" + layout.pendingFile(transactionId).getFileName())
                .setRowCount(written.rowCount())
                .setByteSize(written.byteSize())
                .setCrc32C(written.crc32c())
                .setTransactionId(transactionId)
                .build();
        DurableFiles.writeBytes(layout.pendingSidecar(transactionId), sidecar.toByteArray());
        pending.put(transactionId, sidecar);
        changes.mark(tabletId);
    }

    /**
     * Publishes the transaction's pending rowset as {@code version}. Publishing a transaction that
     * is already published as that version does nothing.
     *
     * @throws TesseraException when the version is not the next one, the pending rowset is missing or
     *                          damaged, or the replica is damaged or dropped
     */
    public synchronized void publish(long transactionId, long version) throws IOException {
        requireUsable();
        TabletMeta current = rowsets.meta();
        OptionalLong published = publishedVersion(current, transactionId);
        if (published.isPresent()) {
            if (published.getAsLong() == version) {
                return;
            }
            throw new BackendFailure(StatusCode.CONFLICT, describe() + ": transaction " + transactionId
                    + " is already published as version " + published.getAsLong() + ", not " + version);
        }
        if (version != current.getVersion() + 1) {
            throw new BackendFailure(StatusCode.CONFLICT, describe() + " is at version " + current.getVersion()
                    + "; cannot publish version " + version + " (expected " + (current.getVersion() + 1) + ")");
        }
        RowsetMeta rowset = pending.get(transactionId);
        if (rowset == null) {
            throw new BackendFailure(StatusCode.CONFLICT, describe() + " has no pending rowset of transaction " + transactionId);
        }
        Path pendingFile = layout.pendingFile(transactionId);
        FileChecksum checksum = Checksums.of(pendingFile);
        if (checksum.byteSize() != rowset.getByteSize() || checksum.crc32c() != rowset.getCrc32C()) {
            throw new BackendFailure(StatusCode.CORRUPTED, describe() + ": the pending rowset of transaction " + transactionId
                    + " is damaged (" + checksum.byteSize() + " bytes, crc32c " + FileChecksum.hex(checksum.crc32c())
                    + "; expected " + rowset.getByteSize() + " bytes, crc32c " + FileChecksum.hex(rowset.getCrc32C())
                    + ")");
        }
        String fileName = ReplicaLayout.rowsetFileName(version, uuids.get());
        linkOrCopy(pendingFile, layout.rowsetFile(fileName));
        DurableFiles.syncDirectory(layout.dir());
        TabletMeta next = current.toBuilder()
                .setVersion(version)
                .addRowsets(RowsetVersions.published(rowset, version, fileName))
                .build();
        DurableFiles.writeBytes(layout.metaFile(), next.toByteArray());
        rowsets.install(next);
        pending.remove(transactionId);
        changes.mark(tabletId);
        try {
            deletePending(transactionId);
        } catch (IOException e) {
            // Published all the same; the loader removes pending files of published transactions.
            LOG.warn("{}: cannot remove the published pending rowset of transaction {}: {}", describe(),
                    transactionId, e.toString());
        }
    }

    /**
     * Appends published rowsets fetched from a peer replica of the tablet (an in-place catch-up of a
     * replica that missed versions): they must follow each other and start right after this
     * replica's version, or, when the peer merged versions by compaction, where one of this
     * replica's rowsets starts (those from there on are replaced, kept readable as a compaction's
     * inputs are), and their files must be in {@code staged} with their sizes. Each file is moved
     * under its name into the replica folder, then {@code meta.pb} is written with the new rowsets
     * (the commit point); pending rowsets of transactions the fetched rowsets hold are dropped, so a
     * later publish of such a transaction finds it published and does nothing.
     *
     * @return the version reached
     * @throws TesseraException when the rowsets do not continue this replica, a file is missing or
     *                          has the wrong size, or the replica is damaged or dropped
     */
    public synchronized long catchUp(Path staged, List<RowsetMeta> fetched) throws IOException {
        requireUsable();
        TabletMeta current = rowsets.meta();
        if (fetched.isEmpty()) {
            return current.getVersion();
        }
        // The first fetched rowset may also hold versions this replica has (the peer merged them by
        // compaction): it then replaces this replica's rowsets from its start, which must be where
        // one of them starts.
        long first = RowsetVersions.start(fetched.get(0));
        List<RowsetMeta> kept = new ArrayList<>();
        List<RowsetMeta> replaced = new ArrayList<>();
        for (RowsetMeta rowset : current.getRowsetsList()) {
            (RowsetVersions.start(rowset) < first ? kept : replaced).add(rowset);
        }
        long reached = kept.isEmpty() ? current.getCreatedVersion() : RowsetVersions.end(kept.get(kept.size() - 1));
        if (first > current.getVersion() + 1 || reached != first - 1) {
            throw new BackendFailure(StatusCode.CONFLICT, describe() + " is at version " + current.getVersion()
                    + "; the fetched rowsets start at version " + first + ", which does not continue it");
        }
        for (RowsetMeta rowset : fetched) {
            if (RowsetVersions.start(rowset) != reached + 1 || RowsetVersions.end(rowset) < RowsetVersions.start(rowset)) {
                throw new BackendFailure(StatusCode.CONFLICT, describe() + ": the fetched "
                        + RowsetVersions.describe(rowset) + " does not follow version " + reached);
            }
            reached = RowsetVersions.end(rowset);
            Path file = staged.resolve(rowset.getFileName());
            if (!Files.isRegularFile(file) || Files.size(file) != rowset.getByteSize()
                    || Files.exists(layout.rowsetFile(rowset.getFileName()))) {
                throw new BackendFailure(StatusCode.CORRUPTED, describe() + ": the fetched rowset file "
                        + rowset.getFileName() + " is missing, has the wrong size or is already here");
            }
        }
        if (reached <= current.getVersion()) {
            return current.getVersion();
        }
        for (RowsetMeta rowset : fetched) {
            Files.move(staged.resolve(rowset.getFileName()), layout.rowsetFile(rowset.getFileName()));
        }
        DurableFiles.syncDirectory(layout.dir());
        kept.addAll(fetched);
        TabletMeta next = current.toBuilder().setVersion(reached).clearRowsets().addAllRowsets(kept).build();
        DurableFiles.writeBytes(layout.metaFile(), next.toByteArray());
        if (replaced.isEmpty()) {
            rowsets.install(next);
        } else {
            rowsets.replace(next, replaced);
        }
        changes.mark(tabletId);
        for (RowsetMeta rowset : fetched) {
            for (long transactionId : RowsetVersions.transactions(rowset)) {
                if (pending.remove(transactionId) != null) {
                    try {
                        deletePending(transactionId);
                    } catch (IOException e) {
                        LOG.warn("{}: cannot remove the pending rowset of transaction {}, caught up from a peer: {}",
                                describe(), transactionId, e.toString());
                    }
                }
            }
        }
        LOG.info("{}: caught up {} rowset(s) from a peer ({} of its own replaced), now at version {}", describe(),
                fetched.size(), replaced.size(), reached);
        return reached;
    }

    /** Drops the transaction's pending rowset; false when there is none. */
    public synchronized boolean abort(long transactionId) throws IOException {
        if (pending.remove(transactionId) == null) {
            return false;
        }
        changes.mark(tabletId); // the pending rowset is gone from the replica even if its files stay
        deletePending(transactionId);
        return true;
    }

    public synchronized boolean hasPending(long transactionId) {
        return pending.containsKey(transactionId);
    }

    /**
     * Puts a compaction's merged rowset in place of its inputs: writes {@code meta.pb} with the
     * merged rowset instead of them (the commit point), then makes that the current list. The
     * merged file must already be durable under its final name. The inputs' files stay until no
     * view reads them and the stale keep time has passed.
     *
     * @param inputs consecutive current rowsets, in version order
     * @param merged their merged rowset, covering exactly their versions
     * @throws TesseraException when the replica is damaged or dropped, or the inputs are no longer
     *                          current (another compaction replaced them first)
     */
    public synchronized void commitCompaction(List<RowsetMeta> inputs, RowsetMeta merged) throws IOException {
        requireUsable();
        TabletMeta current = rowsets.meta();
        List<RowsetMeta> list = current.getRowsetsList();
        int first = -1;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).getFileName().equals(inputs.get(0).getFileName())) {
                first = i;
                break;
            }
        }
        if (first < 0 || first + inputs.size() > list.size()
                || !list.subList(first, first + inputs.size()).equals(inputs)) {
            throw new TesseraException(describe() + ": the rowsets to merge are no longer current");
        }
        if (RowsetVersions.start(merged) != RowsetVersions.start(inputs.get(0))
                || RowsetVersions.end(merged) != RowsetVersions.end(inputs.get(inputs.size() - 1))) {
            throw new IllegalStateException(describe() + ": the merged rowset of " + RowsetVersions.describe(merged)
                    + " does not cover its inputs");
        }
        List<RowsetMeta> next = new ArrayList<>(list.subList(0, first));
        next.add(merged);
        next.addAll(list.subList(first + inputs.size(), list.size()));
        TabletMeta nextMeta = current.toBuilder().clearRowsets().addAllRowsets(next).build();
        DurableFiles.writeBytes(layout.metaFile(), nextMeta.toByteArray());
        rowsets.replace(nextMeta, inputs);
        changes.mark(tabletId);
    }

    /** Deletes files of replaced rowsets that were kept long enough and that no view reads; returns how many. */
    public int sweepStaleRowsets() {
        return rowsets.sweep();
    }

    /** Rowsets replaced by compaction whose files are still kept. */
    public int staleRowsetCount() {
        return rowsets.staleCount();
    }

    /** From now on every read, write and publish fails; called before the folder moves to trash. */
    /**
     * Keeps {@code action} until no open view reads this replica's files; false when none is open.
     * See {@link PublishedRowsets#deferUntilUnread}.
     */
    boolean deferUntilUnread(Runnable action) {
        return rowsets.deferUntilUnread(action);
    }

    public synchronized void markDropped() {
        dropped = true;
    }

    /**
     * Marks the replica dropped unless it has pending rowsets (a load may still write or publish);
     * false, and nothing changed, when it has some.
     */
    public synchronized boolean markDroppedIfIdle() {
        if (!pending.isEmpty()) {
            return false;
        }
        dropped = true;
        return true;
    }

    /** {@code tablet <id> replica <id>}, for messages. */
    public String describe() {
        return "tablet " + tabletId + " replica " + replicaId;
    }

    private void requireUsable() {
        if (damage.isPresent()) {
            throw new BackendFailure(StatusCode.CORRUPTED, describe() + " is damaged and cannot be used: " + damage.get());
        }
        if (dropped) {
            throw new BackendFailure(StatusCode.NOT_FOUND, describe() + " was dropped");
        }
    }

    private static OptionalLong publishedVersion(TabletMeta meta, long transactionId) {
        for (RowsetMeta rowset : meta.getRowsetsList()) {
            OptionalLong version = RowsetVersions.versionOf(rowset, transactionId);
            if (version.isPresent()) {
                return version;
            }
        }
        return OptionalLong.empty();
    }

    private void deletePending(long transactionId) throws IOException {
        Files.deleteIfExists(layout.pendingFile(transactionId));
        Files.deleteIfExists(layout.pendingSidecar(transactionId));
    }

    /** A second name for the file (a hard link); a durable copy where links are not supported. */
    private static void linkOrCopy(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
            return;
        } catch (UnsupportedOperationException | FileSystemException e) {
            LOG.debug("cannot hard-link {}: {}; copying it", source, e.toString());
        }
        Files.deleteIfExists(target);
        Files.copy(source, target);
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }
}
