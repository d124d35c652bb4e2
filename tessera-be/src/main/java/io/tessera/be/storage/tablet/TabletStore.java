package io.tessera.be.storage.tablet;

import io.tessera.be.storage.BackendFailure;
import io.tessera.proto.backend.StatusCode;
import io.tessera.be.storage.DurableFiles;
import io.tessera.be.storage.StorageRoot;
import io.tessera.be.storage.TrashMove;
import io.tessera.common.Clock;
import io.tessera.common.TesseraException;
import io.tessera.proto.tablet.RowsetMeta;
import io.tessera.proto.tablet.TabletMeta;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every replica this BE holds, across its storage roots: loads them at start, creates and drops
 * them, and is the way in for writes, publishes, aborts and reads. A new replica goes to the root
 * with the most free space. Dropping moves the replica's folder to {@code <root>/trash/}.
 *
 * <p>Threading: thread-safe. Replicas are found without locking; creating, dropping and moving a
 * root's data to trash are serialized on the store; writes, publishes and reads of different
 * replicas run in parallel, and each replica serializes its own changes (see {@link Replica}).
 */
public final class TabletStore {
    private static final Logger LOG = LoggerFactory.getLogger(TabletStore.class);
    private static final DateTimeFormatter TRASH_STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    /** The layout version written in every meta.pb. */
    static final int FORMAT_VERSION = 1;

    private final List<StorageRoot> roots;
    private final BufferAllocator allocator;
    private final RowsetCompression compression;
    private final Clock clock;
    private final DateTimeFormatter trashStamp;
    private final Supplier<UUID> uuids;
    private final ToLongFunction<StorageRoot> freeBytes;
    private final StaleRowsetRetention retention;
    private final Map<Long, Replica> replicas = new ConcurrentHashMap<>();
    private final TabletChanges changes = new TabletChanges();
    private boolean loaded;

    /**
     * @param allocator   where write buffers come from (the BE's capped Arrow allocator)
     * @param compression how new rowset files are compressed
     * @param clock       the source of trash folder time stamps
     * @param zone        the zone trash folder time stamps are written in
     * @param uuids       the source of unique rowset file names
     * @param freeBytes   free space of a root, to place new replicas
     * @param staleKeep   how long rowset files a compaction replaced stay readable for older versions
     */
    public TabletStore(List<StorageRoot> roots, BufferAllocator allocator, RowsetCompression compression, Clock clock,
                       ZoneId zone, Supplier<UUID> uuids, ToLongFunction<StorageRoot> freeBytes, Duration staleKeep) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("no storage root");
        }
        this.roots = List.copyOf(roots);
        this.allocator = allocator;
        this.compression = compression;
        this.clock = clock;
        this.trashStamp = TRASH_STAMP.withZone(zone);
        this.uuids = uuids;
        this.freeBytes = freeBytes;
        this.retention = StaleRowsetRetention.of(clock, staleKeep);
    }

    /** Free space as the file system reports it; 0 when it cannot be read. */
    public static long usableBytes(StorageRoot root) {
        try {
            return Files.getFileStore(root.path()).getUsableSpace();
        } catch (IOException e) {
            LOG.warn("cannot read the free space of {}: {}", root.path(), e.toString());
            return 0;
        }
    }

    /**
     * Loads every replica folder of every root (verifying every rowset's checksum) and removes
     * half-created replica folders. Returns how many replicas were loaded, damaged ones included.
     */
    public synchronized int load() throws IOException {
        if (loaded) {
            throw new IllegalStateException("the tablet store was already loaded");
        }
        loaded = true;
        ReplicaLoader loader = new ReplicaLoader(uuids, retention, changes);
        int damaged = 0;
        for (StorageRoot root : roots) {
            for (Path staged : folders(root.cloneStagingDir())) {
                LOG.info("removing {}, left by an interrupted clone", staged);
                deleteTree(staged);
            }
            for (Path dir : folders(root.dataDir())) {
                String name = dir.getFileName().toString();
                if (name.startsWith(ReplicaLayout.CREATING_PREFIX)) {
                    LOG.info("removing {}, left by an interrupted tablet creation", dir);
                    deleteTree(dir);
                    continue;
                }
                Optional<long[]> ids = ReplicaLayout.parseFolderName(name);
                if (ids.isEmpty()) {
                    LOG.warn("ignoring {}: not a replica folder", dir);
                    continue;
                }
                Replica replica = loader.load(root.path(), dir, ids.get()[0], ids.get()[1]);
                Replica previous = replicas.putIfAbsent(replica.tabletId(), replica);
                if (previous != null) {
                    LOG.error("ignoring {}: tablet {} is already held in {}", dir, replica.tabletId(),
                            previous.layout().dir());
                    continue;
                }
                damaged += replica.damage().isPresent() ? 1 : 0;
            }
        }
        LOG.info("loaded {} replicas from {} ({} damaged)", replicas.size(), roots, damaged);
        return replicas.size();
    }

    /**
     * Creates an empty replica at the spec's version. Creating the same replica again (same ids and
     * schema) does nothing.
     *
     * @throws TesseraException when the spec is invalid or the tablet is held with other ids or schema
     */
    public synchronized void create(ReplicaSpec spec) throws IOException {
        if (spec.tabletId() <= 0 || spec.replicaId() <= 0) {
            throw new TesseraException("tablet and replica ids must be positive, got tablet " + spec.tabletId()
                    + " replica " + spec.replicaId());
        }
        if (spec.version() < 1) {
            throw new TesseraException("tablet " + spec.tabletId() + ": version must be at least 1, got "
                    + spec.version());
        }
        ColumnTypes.validate(spec.schema());
        Replica existing = replicas.get(spec.tabletId());
        if (existing != null) {
            requireSame(existing, spec);
            return;
        }
        StorageRoot root = roots.stream().max(Comparator.comparingLong(freeBytes)).orElseThrow();
        String folder = ReplicaLayout.folderName(spec.tabletId(), spec.replicaId());
        Path staging = root.dataDir().resolve(ReplicaLayout.CREATING_PREFIX + folder);
        Path dir = root.dataDir().resolve(folder);
        if (Files.exists(staging)) {
            deleteTree(staging);
        }
        if (Files.exists(dir)) {
            throw new IllegalStateException("replica folder " + dir + " exists but is not loaded");
        }
        TabletMeta meta = TabletMeta.newBuilder()
                .setFormatVersion(FORMAT_VERSION)
                .setTabletId(spec.tabletId())
                .setReplicaId(spec.replicaId())
                .setTableId(spec.tableId())
                .setPartitionId(spec.partitionId())
                .setSchema(spec.schema())
                .setCreatedVersion(spec.version())
                .setVersion(spec.version())
                .build();
        ReplicaLayout stagingLayout = new ReplicaLayout(staging);
        DurableFiles.createDirectory(stagingLayout.pendingDir());
        DurableFiles.writeBytes(stagingLayout.metaFile(), meta.toByteArray());
        DurableFiles.rename(staging, dir);
        replicas.put(spec.tabletId(), new Replica(spec.tabletId(), spec.replicaId(), root.path(),
                new ReplicaLayout(dir), meta, Map.of(), Optional.empty(), uuids, retention, changes));
        changes.mark(spec.tabletId());
        LOG.info("created tablet {} replica {} at version {} in {}", spec.tabletId(), spec.replicaId(),
                spec.version(), dir);
    }

    /** The root a new replica goes to: the one with the most free space. */
    public StorageRoot rootForNewReplica() {
        return roots.stream().max(Comparator.comparingLong(freeBytes)).orElseThrow();
    }

    /**
     * Installs a cloned replica whose rowset files were fetched and verified into {@code staged}
     * (a folder under {@code root}'s {@link StorageRoot#cloneStagingDir}, each file fsynced): checks
     * that the rowsets hold exactly the versions they claim and that every file is there with its
     * size, writes {@code meta.pb} and the {@code pending/} folder into the staging folder durably,
     * then renames the folder to {@code data/<tablet>_<replica>} (fsyncing both parents) — the one
     * step that makes the replica exist, so a crash before it leaves only staging debris that the
     * next start removes.
     *
     * @throws TesseraException when this backend already holds the tablet, or the staged rowsets
     *                          are not a whole replica
     */
    public synchronized Replica installClone(StorageRoot root, Path staged, ClonedReplica clone) throws IOException {
        if (clone.tabletId() <= 0 || clone.replicaId() <= 0) {
            throw new TesseraException("tablet and replica ids must be positive, got tablet " + clone.tabletId()
                    + " replica " + clone.replicaId());
        }
        ColumnTypes.validate(clone.schema());
        Replica existing = replicas.get(clone.tabletId());
        if (existing != null) {
            throw new BackendFailure(StatusCode.ALREADY_EXISTS, "tablet " + clone.tabletId()
                    + " is already held here as replica " + existing.replicaId());
        }
        if (!roots.contains(root) || !staged.getParent().equals(root.cloneStagingDir())) {
            throw new IllegalArgumentException(staged + " is not a clone staging folder of a root of this store");
        }
        long reached = clone.createdVersion();
        for (RowsetMeta rowset : clone.rowsets()) {
            if (RowsetVersions.start(rowset) != reached + 1 || RowsetVersions.end(rowset) < RowsetVersions.start(rowset)) {
                throw new BackendFailure(StatusCode.CORRUPTED, "tablet " + clone.tabletId() + ": the cloned rowsets "
                        + "do not follow each other: " + RowsetVersions.describe(rowset) + " after version " + reached);
            }
            reached = RowsetVersions.end(rowset);
            Path file = staged.resolve(rowset.getFileName());
            if (!file.getParent().equals(staged) || !Files.isRegularFile(file) || Files.size(file) != rowset.getByteSize()) {
                throw new BackendFailure(StatusCode.CORRUPTED, "tablet " + clone.tabletId() + ": the cloned rowset file "
                        + rowset.getFileName() + " is missing or has the wrong size");
            }
        }
        if (reached != clone.version()) {
            throw new BackendFailure(StatusCode.CORRUPTED, "tablet " + clone.tabletId() + ": the cloned rowsets end at "
                    + "version " + reached + ", not " + clone.version());
        }
        Path dir = root.dataDir().resolve(ReplicaLayout.folderName(clone.tabletId(), clone.replicaId()));
        if (Files.exists(dir)) {
            throw new IllegalStateException("replica folder " + dir + " exists but is not loaded");
        }
        TabletMeta meta = TabletMeta.newBuilder()
                .setFormatVersion(FORMAT_VERSION)
                .setTabletId(clone.tabletId())
                .setReplicaId(clone.replicaId())
                .setTableId(clone.tableId())
                .setPartitionId(clone.partitionId())
                .setSchema(clone.schema())
                .setCreatedVersion(clone.createdVersion())
                .setVersion(clone.version())
                .addAllRowsets(clone.rowsets())
                .build();
        ReplicaLayout stagingLayout = new ReplicaLayout(staged);
        DurableFiles.createDirectory(stagingLayout.pendingDir());
        DurableFiles.writeBytes(stagingLayout.metaFile(), meta.toByteArray());
        DurableFiles.rename(staged, dir);
        Replica replica = new Replica(clone.tabletId(), clone.replicaId(), root.path(), new ReplicaLayout(dir), meta,
                Map.of(), Optional.empty(), uuids, retention, changes);
        replicas.put(clone.tabletId(), replica);
        changes.mark(clone.tabletId());
        LOG.info("installed cloned tablet {} replica {} at version {} ({} rowsets) in {}", clone.tabletId(),
                clone.replicaId(), clone.version(), clone.rowsets().size(), dir);
        return replica;
    }

    /** The storage root a held replica lives on (where its catch-up stages files). */
    public StorageRoot rootOf(Replica replica) {
        return roots.stream().filter(root -> root.path().equals(replica.rootPath())).findFirst()
                .orElseThrow(() -> new IllegalStateException(replica.describe() + " is on no known root"));
    }

    /**
     * Moves the replica's folder to {@code <root>/trash/}; false when this BE does not hold that
     * replica (another replica of the same tablet is left alone).
     */
    public synchronized boolean drop(long tabletId, long replicaId) throws IOException {
        return drop(tabletId, replicaId, false);
    }

    /**
     * Moves the replica's folder to {@code <root>/trash/} like {@link #drop(long, long)}; with
     * {@code onlyIfIdle}, a replica with pending rowsets (a load may still write to it) is kept.
     *
     * @throws TesseraException when {@code onlyIfIdle} and the replica has pending rowsets
     */
    public synchronized boolean drop(long tabletId, long replicaId, boolean onlyIfIdle) throws IOException {
        Replica replica = replicas.get(tabletId);
        if (replica == null || replica.replicaId() != replicaId) {
            return false;
        }
        if (onlyIfIdle) {
            if (!replica.markDroppedIfIdle()) {
                throw new BackendFailure(StatusCode.CONFLICT, replica.describe() + " has pending rowsets of a running load; kept");
            }
        } else {
            replica.markDropped();
        }
        replicas.remove(tabletId);
        changes.mark(tabletId);
        boolean deferred = replica.deferUntilUnread(() -> {
            try {
                moveToTrash(replica);
            } catch (IOException | RuntimeException e) {
                LOG.warn("dropped {}: could not move it to trash after its last reader closed ({}); the next start "
                        + "finds its folder unknown to the FE, which trashes it", replica.describe(), e.toString());
            }
        });
        if (deferred) {
            LOG.info("dropped {}: its folder goes to trash once the scans or clones reading it finish",
                    replica.describe());
        } else {
            moveToTrash(replica);
        }
        return true;
    }

    private synchronized void moveToTrash(Replica replica) throws IOException {
        Path trash = roots.stream().filter(root -> root.path().equals(replica.rootPath())).findFirst()
                .orElseThrow(() -> new IllegalStateException(replica.describe() + " is on no known root"))
                .trashDir();
        DurableFiles.createDirectory(trash);
        String name = trashStamp.format(Instant.ofEpochMilli(clock.wallMillis())) + "-tablet-"
                + replica.layout().dir().getFileName();
        Path target = trash.resolve(name);
        for (int suffix = 1; Files.exists(target); suffix++) {
            target = trash.resolve(name + "-" + suffix);
        }
        DurableFiles.rename(replica.layout().dir(), target);
        LOG.info("dropped {}: moved to {}", replica.describe(), target);
    }

    /**
     * Moves a root's whole {@code data/} to trash (the backend id changed) and forgets its replicas,
     * which fail every later use.
     */
    public synchronized TrashMove moveDataToTrash(StorageRoot root, String folderName) throws IOException {
        for (Replica replica : List.copyOf(replicas.values())) {
            if (replica.rootPath().equals(root.path())) {
                replica.markDropped();
                replicas.remove(replica.tabletId());
                changes.mark(replica.tabletId());
            }
        }
        return root.moveDataToTrash(folderName);
    }

    /**
     * Starts writing a transaction's rows into a replica.
     *
     * @throws TesseraException when the replica is unknown, damaged, or has published the transaction
     */
    public PendingWrite beginWrite(long transactionId, long tabletId, long replicaId) throws IOException {
        Replica replica = require(tabletId, replicaId);
        replica.checkWritable(transactionId);
        Path temp = replica.layout().pendingTempFile(transactionId, uuids.get());
        try {
            return new PendingWrite(replica, transactionId, RowsetWriter.create(temp, replica.schema(), allocator,
                    compression));
        } catch (NoSuchFileException e) {
            throw new BackendFailure(StatusCode.NOT_FOUND, replica.describe() + " was dropped");
        }
    }

    /**
     * Publishes a transaction's pending rowset of a replica as {@code version} (idempotent).
     *
     * @throws TesseraException when the replica is unknown or the publish is refused (see {@link Replica#publish})
     */
    public void publish(long transactionId, long tabletId, long replicaId, long version) throws IOException {
        require(tabletId, replicaId).publish(transactionId, version);
    }

    /** Drops a transaction's pending rowsets on every replica; returns how many there were. */
    public int abort(long transactionId) throws IOException {
        int aborted = 0;
        for (Replica replica : replicas.values()) {
            if (replica.abort(transactionId)) {
                aborted++;
            }
        }
        return aborted;
    }

    /**
     * A consistent snapshot of the replica at {@code version}.
     *
     * @throws TesseraException when the replica is unknown, damaged, or lacks that version
     */
    public ReplicaReadView read(long tabletId, long replicaId, long version) {
        return require(tabletId, replicaId).readAt(version);
    }

    /**
     * The replica's published state now, with its files kept until the snapshot is closed.
     *
     * @throws TesseraException when the replica is unknown, damaged or dropped
     */
    public ReplicaSnapshot snapshot(long tabletId, long replicaId) {
        return require(tabletId, replicaId).snapshot();
    }

    /** The replica of a tablet, if this BE holds one. */
    public Optional<Replica> replica(long tabletId) {
        return Optional.ofNullable(replicas.get(tabletId));
    }

    /** Every replica held now (in no particular order), for background work such as compaction. */
    public List<Replica> heldReplicas() {
        return List.copyOf(replicas.values());
    }

    /** The tablets changed since the reporter last took them (for incremental tablet reports). */
    public TabletChanges changes() {
        return changes;
    }

    /** Every replica, ordered by tablet id. */
    public List<ReplicaStatus> replicas() {
        List<ReplicaStatus> statuses = new ArrayList<>();
        replicas.values().forEach(replica -> statuses.add(replica.status()));
        statuses.sort(Comparator.comparingLong(ReplicaStatus::tabletId));
        return statuses;
    }

    private Replica require(long tabletId, long replicaId) {
        Replica replica = replicas.get(tabletId);
        if (replica == null) {
            throw new BackendFailure(StatusCode.NOT_FOUND, "tablet " + tabletId + " not found");
        }
        if (replica.replicaId() != replicaId) {
            throw new BackendFailure(StatusCode.NOT_FOUND, "tablet " + tabletId + " replica " + replicaId + " not found (this backend "
                    + "holds replica " + replica.replicaId() + ")");
        }
        return replica;
    }

    private static void requireSame(Replica existing, ReplicaSpec spec) {
        TabletMeta meta = existing.meta();
        if (existing.replicaId() != spec.replicaId() || meta.getTableId() != spec.tableId()
                || meta.getPartitionId() != spec.partitionId() || !meta.getSchema().equals(spec.schema())) {
            throw new BackendFailure(StatusCode.ALREADY_EXISTS, "tablet " + spec.tabletId() + " already exists here as replica "
                    + existing.replicaId() + " of table " + meta.getTableId() + " partition " + meta.getPartitionId()
                    + (meta.getSchema().equals(spec.schema()) ? "" : " with another schema"));
        }
    }

    private static List<Path> folders(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Empties every storage root's trash (ADMIN CLEAN TRASH); returns the bytes freed. */
    public long cleanTrash() throws java.io.IOException {
        long freed = 0;
        for (StorageRoot root : roots) {
            freed += root.cleanTrash();
        }
        return freed;
    }
}
