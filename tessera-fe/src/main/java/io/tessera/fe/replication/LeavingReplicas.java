package io.tessera.fe.replication;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongPredicate;

/**
 * The replicas the tablet scheduler decided to remove and has not removed yet: they wait for the
 * loads that began before the decision. Loads committing meanwhile do not count them for their
 * quorum ({@code txn.LoadTransactions}), so no acknowledged load depends on a copy that is leaving.
 * Soft state: an FE restart forgets it, and the scheduler decides again.
 *
 * <p>Threading: thread-safe; the scheduler's thread adds and removes, load threads test.
 */
public final class LeavingReplicas implements LongPredicate {
    private final Set<Long> replicaIds = ConcurrentHashMap.newKeySet();

    void add(long replicaId) {
        replicaIds.add(replicaId);
    }

    void remove(long replicaId) {
        replicaIds.remove(replicaId);
    }

    @Override
    public boolean test(long replicaId) {
        return replicaIds.contains(replicaId);
    }

    public int size() {
        return replicaIds.size();
    }
}
