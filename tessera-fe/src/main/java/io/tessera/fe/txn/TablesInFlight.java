package io.tessera.fe.txn;

import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.ddl.ReplicaCreator;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The tables whose replicas on backends may be written or may not be journaled yet: running
 * INSERTs, running Stream Loads, transactions that committed but are not finished (not yet
 * published on every replica), and tables or partitions being created (replicas exist on backends
 * before their record is journaled). Tablet report reconciliation leaves replicas of these tables
 * alone.
 *
 * <p>Threading: thread-safe; each call reads the current state of its sources.
 */
public final class TablesInFlight implements Supplier<Set<Long>> {
    private final LoadCoordinator inserts;
    private final StreamLoadService streamLoads;
    private final Catalog catalog;
    private final ReplicaCreator creations;

    public TablesInFlight(LoadCoordinator inserts, StreamLoadService streamLoads, Catalog catalog,
                          ReplicaCreator creations) {
        this.inserts = inserts;
        this.streamLoads = streamLoads;
        this.catalog = catalog;
        this.creations = creations;
    }

    @Override
    public Set<Long> get() {
        Set<Long> tables = new HashSet<>(inserts.runningTableIds());
        tables.addAll(streamLoads.runningTableIds());
        catalog.snapshot().committed().values().forEach(commit -> tables.add(commit.getTableId()));
        tables.addAll(creations.tablesBeingCreated());
        return tables;
    }
}
