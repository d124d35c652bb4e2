package io.tessera.fe.txn;

import io.tessera.common.Clock;
import io.tessera.common.ErrorCode;
import io.tessera.common.Failures;
import io.tessera.common.LogRateLimiter;
import io.tessera.common.TesseraException;
import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.catalog.CatalogControl;
import io.tessera.fe.catalog.TabletHealth;
import io.tessera.fe.catalog.UnreadableReplicas;
import io.tessera.fe.rpc.BackendCalls;
import io.tessera.fe.meta.MetadataWriter;
import io.tessera.fe.meta.WriteResult;
import io.tessera.proto.backend.AbortTransactionRequest;
import io.tessera.proto.journal.CommitTransactionRecord;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of a load transaction that INSERT and Stream Load share, whoever wrote the rows:
 * allocate the transaction id (journaled through the id watermark, so ids are never reused after a
 * restart), and once the rows are written, check that every written tablet has them on a majority
 * of its replicas, journal the commit (the load is then durable and must become visible), publish
 * the new versions on the backends, and journal the finish. A load that cannot commit is aborted:
 * its pending rowsets are dropped and nothing becomes visible.
 *
 * <p>Threading: callers block on journal writes and backend calls, and may call concurrently;
 * commit, publish and finish of one table are serialised by a per-table lock, so versions are
 * published in order.
 */
public final class LoadTransactions {
    private static final Logger LOG = LoggerFactory.getLogger(LoadTransactions.class);

    private final Catalog catalog;
    private final LongPredicate leaving;
    private final MetadataWriter writer;
    private final BackendCalls backends;
    private final VersionPublisher publisher;
    private final Clock clock;
    private final CatalogControl control;
    private final UnreadableReplicas unreadable;
    private final Map<Long, ReentrantLock> tableLocks = new ConcurrentHashMap<>();
    private final TransactionHistory history;

    /**
     * @param unreadable replicas tablet reports call bad or missing: they do not count for the
     *                   commit quorum
     */
    public LoadTransactions(Catalog catalog, MetadataWriter writer, BackendCalls backends, Clock clock,
                            UnreadableReplicas unreadable) {
        this(catalog, writer, backends, clock, unreadable, replicaId -> false);
    }

    /**
     * @param leaving replicas the tablet scheduler is removing: they do not count for the commit
     *                quorum, so a load never depends on a copy about to leave the catalog
     */
    public LoadTransactions(Catalog catalog, MetadataWriter writer, BackendCalls backends, Clock clock,
                            UnreadableReplicas unreadable, LongPredicate leaving) {
        this(catalog, writer, backends, clock, unreadable, leaving, new TransactionHistory(clock, () -> ""));
    }

    /**
     * @param history where each transaction's states are kept for SHOW TRANSACTION
     */
    public LoadTransactions(Catalog catalog, MetadataWriter writer, BackendCalls backends, Clock clock,
                            UnreadableReplicas unreadable, LongPredicate leaving, TransactionHistory history) {
        this.history = history;
        this.leaving = leaving;
        this.catalog = catalog;
        this.unreadable = unreadable;
        this.writer = writer;
        this.backends = backends;
        this.publisher = new VersionPublisher(backends, LogRateLimiter.perMinute(clock));
        this.clock = clock;
        this.control = new CatalogControl(catalog, clock);
    }

    /** A new transaction id, journaled through the id watermark. */
    public long allocateTransactionId() {
        return writer.submit(ids -> new WriteResult<>(List.of(), ids.allocate())).join();
    }

    /**
     * Commits, publishes and finishes a written load; returns once its rows are visible.
     *
     * @throws TesseraException when a tablet lacks a majority, the label was used meanwhile, or the
     *                          table was dropped: the load is then aborted and nothing is visible
     */
    public LoadResult commit(LoadCommit load) {
        try {
            LoadResult result = commitPublishFinish(load);
            history.visible(load.transactionId());
            return result;
        } catch (RuntimeException e) {
            history.aborted(load.transactionId(), String.valueOf(Failures.rootMessage(e)));
            throw e;
        }
    }

    /** The transactions kept for SHOW TRANSACTION. */
    public TransactionHistory history() {
        return history;
    }

    /** Records the abort of a transaction that never committed (its caller tells the backends). */
    public void aborted(long transactionId, String reason) {
        history.aborted(transactionId, reason);
    }

    private LoadResult commitPublishFinish(LoadCommit load) {
        TableTablets layout = new TableTablets(load.table());
        Set<Long> backends = layout.backendsOf(load.tabletIds());
        ReentrantLock lock = tableLocks.computeIfAbsent(load.table().getTableId(), id -> new ReentrantLock());
        lock.lock();
        try {
            // Under the table's lock: no other load of the table can mark replicas as missing versions meanwhile.
            checkNoEarlierUnpublished(load, backends);
            checkMajorities(load, layout, backends);
            CommitTransactionRecord commit;
            try {
                commit = writer.submit(ids -> generateCommit(load, layout)).join();
            } catch (RuntimeException e) {
                abort(load.transactionId(), backends);
                throw e;
            }
            Map<Long, Long> versions = new java.util.LinkedHashMap<>();
            commit.getPartitionsList().forEach(pv -> versions.put(pv.getPartitionId(), pv.getVersion()));
            history.committed(load.transactionId(), commit.getTableId(), versions, commit.getFailedReplicaIdsCount());
            // Committed: from here the load must become visible, so failures only mark replicas.
            List<Long> publishFailures = publisher.publish(commit, layout, load.tabletIds(), load.writtenReplicaIds());
            writer.submit(ids -> control.generateFinish(load.transactionId(), publishFailures)).join();
        } finally {
            lock.unlock();
        }
        return new LoadResult(load.transactionId(), load.label(), load.loadedRows(), "VISIBLE");
    }

    /**
     * Finishes transactions that committed but whose finish was never journaled (the FE stopped
     * between the two): publishes their versions again (publishing is idempotent on the backends)
     * and journals the finish, oldest first per table. A transaction waits until every backend holding one of
     * its written replicas is reachable, or until {@code giveUpWaitingAtMs} has passed; then the
     * replicas it cannot publish are recorded as missing the version, for repair. A transaction a
     * live load is still finishing is skipped (it holds the table's lock).
     *
     * @param reachable whether a backend can take a publish now (alive, be_port known)
     */
    public void recoverCommitted(LongPredicate reachable, long giveUpWaitingAtMs) {
        List<CommitTransactionRecord> pending = new ArrayList<>(catalog.snapshot().committed().values());
        pending.sort(Comparator.comparingLong(CommitTransactionRecord::getTransactionId));
        // Tables whose oldest pending transaction waits for a backend: their later ones wait too
        // (versions publish in order per table); other tables go on.
        Set<Long> waitingTables = new HashSet<>();
        for (CommitTransactionRecord commit : pending) {
            if (waitingTables.contains(commit.getTableId())) {
                continue;
            }
            ReentrantLock lock = tableLocks.computeIfAbsent(commit.getTableId(), id -> new ReentrantLock());
            if (!lock.tryLock()) {
                continue;
            }
            try {
                if (!catalog.snapshot().committed().containsKey(commit.getTransactionId())) {
                    continue;
                }
                TableDefinition table = catalog.snapshot().database(commit.getDatabaseId())
                        .flatMap(db -> db.table(commit.getTableId())).orElse(null);
                List<Long> failures = List.of();
                if (table != null) {
                    TableTablets layout = new TableTablets(table);
                    Set<Long> tabletIds = new TreeSet<>();
                    Set<Long> written = new HashSet<>();
                    Set<Long> partitions = new HashSet<>();
                    commit.getPartitionsList().forEach(pv -> partitions.add(pv.getPartitionId()));
                    for (PartitionDefinition partition : table.getPartitionsList()) {
                        if (!partitions.contains(partition.getPartitionId())) {
                            continue;
                        }
                        for (TabletDefinition tablet : partition.getTabletsList()) {
                            tabletIds.add(tablet.getTabletId());
                            for (ReplicaDefinition replica : tablet.getReplicasList()) {
                                if (!commit.getFailedReplicaIdsList().contains(replica.getReplicaId())) {
                                    written.add(replica.getReplicaId());
                                }
                            }
                        }
                    }
                    boolean allReachable = layout.backendsOf(tabletIds).stream().allMatch(reachable::test);
                    if (!allReachable && clock.wallMillis() < giveUpWaitingAtMs) {
                        waitingTables.add(commit.getTableId());
                        continue;
                    }
                    failures = publisher.publish(commit, layout, tabletIds, written);
                }
                List<Long> failed = failures;
                writer.submit(ids -> control.generateFinish(commit.getTransactionId(), failed)).join();
                history.visible(commit.getTransactionId());
                LOG.info("finished transaction {} (label {}) that committed before the FE restarted; "
                        + "{} replica(s) could not be published", commit.getTransactionId(), commit.getLabel(),
                        failed.size());
            } finally {
                lock.unlock();
            }
        }
    }

    /** Tells the backends to drop the transaction's pending rowsets; does not wait for them. */
    public void abort(long transactionId, Collection<Long> backendIds) {
        for (long backendId : backendIds) {
            backends.abortTransaction(backendId, AbortTransactionRequest.newBuilder().setTransactionId(transactionId)
                    .build()).whenComplete((answer, failure) -> {
                        if (failure != null) {
                            LOG.info("could not tell backend {} to abort transaction {}: {}", backendId,
                                    transactionId, Failures.rootMessage(failure));
                        }
                    });
        }
    }

    /**
     * A transaction of the table that committed but is not finished (only after an FE restart: live
     * loads of a table finish under its lock) holds the next version; a load committed now would take
     * the version after it, which no backend can publish before that one, so it is refused until
     * {@link #recoverCommitted} has published the earlier one.
     */
    private void checkNoEarlierUnpublished(LoadCommit load, Set<Long> backends) {
        for (CommitTransactionRecord committed : catalog.snapshot().committed().values()) {
            if (committed.getTableId() == load.table().getTableId()) {
                abort(load.transactionId(), backends);
                throw new TesseraException(ErrorCode.CONFLICT, "Failed to load into table '" + load.table().getName()
                        + "': transaction "
                        + committed.getTransactionId() + " (label " + committed.getLabel() + ") committed before the "
                        + "FE restarted and is not visible yet; retry when it is. Nothing was loaded.");
            }
        }
    }

    /**
     * Every tablet must have the rows on a majority of its replication number (Doris's quorum,
     * {@code replication_num / 2 + 1}) of replicas that are also {@link TabletHealth#versionComplete
     * version complete} at the partition's visible version, as the catalog has it now (as Doris
     * counts only replicas without a failed version): a replica that missed a version cannot publish
     * this one (its backend publishes versions in order), so counting it could commit a load that
     * no replica ever makes visible; a replica its backend reports bad or missing may not have the
     * rows at all. A tablet may briefly hold more replicas than its replication number (a clone
     * recorded, the replica it replaces not yet dropped): the quorum stays a majority of the
     * replication number, counted over written, version-complete replicas the tablet scheduler is
     * not removing, so the replicas that stay always hold a majority's copy of every load.
     */
    private void checkMajorities(LoadCommit load, TableTablets layout, Set<Long> backends) {
        Set<Long> incomplete = incompleteReplicas(load);
        int replicationNum = TabletHealth.replicationNum(load.table().getReplicaAllocationList());
        for (long tabletId : load.tabletIds()) {
            TabletDefinition tablet = layout.tablet(tabletId);
            long ok = tablet.getReplicasList().stream()
                    .filter(r -> load.writtenReplicaIds().contains(r.getReplicaId()))
                    .filter(r -> !incomplete.contains(r.getReplicaId()))
                    .filter(r -> !leaving.test(r.getReplicaId())).count();
            if (ok < replicationNum / 2 + 1) {
                abort(load.transactionId(), backends);
                List<String> reasons = new ArrayList<>();
                for (ReplicaDefinition replica : tablet.getReplicasList()) {
                    String error = load.replicaErrors().get(replica.getReplicaId());
                    if (error != null) {
                        reasons.add("backend " + replica.getBackendId() + ": " + error);
                    } else if (leaving.test(replica.getReplicaId())) {
                        reasons.add("backend " + replica.getBackendId() + ": replica " + replica.getReplicaId()
                                + " is being removed by the tablet scheduler");
                    } else if (incomplete.contains(replica.getReplicaId())) {
                        reasons.add("backend " + replica.getBackendId() + ": replica " + replica.getReplicaId()
                                + (unreadable.unreadable(replica.getReplicaId(), replica.getBackendId())
                                ? " is reported bad or missing" : " misses earlier versions"));
                    }
                }
                throw new TesseraException(ErrorCode.UNAVAILABLE, "Failed to load into table '" + load.table().getName()
                        + "': tablet "
                        + tabletId + " was written on " + ok + " of " + replicationNum
                        + " replicas, a majority is needed ("
                        + String.join("; ", reasons) + "). Nothing was loaded.");
            }
        }
    }

    /**
     * Replicas of the table (as it is now) that are not version complete at their partition's
     * visible version: they missed a version and were not repaired, or are reported bad or missing.
     */
    private Set<Long> incompleteReplicas(LoadCommit load) {
        TableDefinition table = catalog.snapshot().database(load.databaseId())
                .flatMap(db -> db.table(load.table().getTableId())).orElse(load.table());
        Set<Long> incomplete = new HashSet<>();
        for (PartitionDefinition partition : table.getPartitionsList()) {
            for (TabletDefinition tablet : partition.getTabletsList()) {
                for (ReplicaDefinition replica : tablet.getReplicasList()) {
                    if (!TabletHealth.versionComplete(replica, partition.getVisibleVersion(), unreadable)) {
                        incomplete.add(replica.getReplicaId());
                    }
                }
            }
        }
        return incomplete;
    }

    private WriteResult<CommitTransactionRecord> generateCommit(LoadCommit load, TableTablets layout) {
        Set<Long> partitionIds = new TreeSet<>();
        for (long tabletId : load.tabletIds()) {
            partitionIds.add(layout.partitionOf(tabletId));
        }
        List<Long> failedReplicaIds = new ArrayList<>();
        for (long replicaId : new TreeMap<>(layout.replicasOf(load.tabletIds())).keySet()) {
            if (!load.writtenReplicaIds().contains(replicaId)) {
                failedReplicaIds.add(replicaId);
            }
        }
        return control.generateCommit(new CatalogControl.LoadToCommit(load.transactionId(), load.label(),
                load.databaseId(), load.table().getTableId(), load.loadedRows(), partitionIds, failedReplicaIds));
    }


}
