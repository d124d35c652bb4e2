package io.tessera.fe.txn;

import io.tessera.fe.catalog.Catalog;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The tables a load transaction may be writing to or publishing now: running INSERTs, running
 * Stream Loads, and transactions that committed but are not finished (not yet published on every
 * replica). Tablet report reconciliation leaves replicas of these tables alone.
 *
 * <p>Threading: thread-safe; each call reads the current state of its sources.
 */
public final class TablesBeingLoaded implements Supplier<Set<Long>> {
    private final LoadCoordinator inserts;
    private final StreamLoadService streamLoads;
    private final Catalog catalog;

    public TablesBeingLoaded(LoadCoordinator inserts, StreamLoadService streamLoads, Catalog catalog) {
        this.inserts = inserts;
        this.streamLoads = streamLoads;
        this.catalog = catalog;
    }

    @Override
    public Set<Long> get() {
        Set<Long> tables = new HashSet<>(inserts.runningTableIds());
        tables.addAll(streamLoads.runningTableIds());
        catalog.snapshot().committed().values().forEach(commit -> tables.add(commit.getTableId()));
        return tables;
    }
}
