package io.tessera.fe.txn;

import io.tessera.fe.catalog.Catalog;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The load transactions this FE may still publish: running INSERTs, running Stream Loads, and
 * transactions that committed but are not finished. A pending rowset on a backend that belongs to
 * none of them will never be published (its load failed before it could abort it, or began before
 * the FE restarted), so it may be aborted.
 *
 * <p>Threading: thread-safe; each call reads the current state of its sources. Read the running
 * loads before the committed ones, as here: a load that commits in between is still seen.
 */
public final class LiveTransactions implements Supplier<Set<Long>> {
    private final LoadCoordinator inserts;
    private final StreamLoadService streamLoads;
    private final Catalog catalog;

    public LiveTransactions(LoadCoordinator inserts, StreamLoadService streamLoads, Catalog catalog) {
        this.inserts = inserts;
        this.streamLoads = streamLoads;
        this.catalog = catalog;
    }

    @Override
    public Set<Long> get() {
        Set<Long> transactions = new HashSet<>(inserts.runningTransactionIds());
        transactions.addAll(streamLoads.runningTransactionIds());
        transactions.addAll(catalog.snapshot().committed().keySet());
        return transactions;
    }
}
