package io.tessera.be.storage.tablet;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tablets whose replica changed since the tablet reporter last took them: created, cloned in,
 * dropped, a pending rowset written or aborted, a version published, rowsets caught up or
 * compacted. Marked by the {@link TabletStore} and its replicas as each change happens (after it,
 * so whoever takes a tablet and then reads the replica sees the change); taken by the reporter for
 * an incremental report, and put back when that report did not reach the FE, so no change is lost.
 * A change made while a report is built is marked again and goes into the next one. The cost is one
 * set insertion per change; nothing scans the store.
 *
 * <p>Threading: thread-safe (a concurrent set); the listener runs on the thread that made the change.
 */
public final class TabletChanges {
    private final Set<Long> changed = ConcurrentHashMap.newKeySet();
    private volatile Runnable listener = () -> { };

    /** Records that the replica of {@code tabletId} changed (or appeared or went), then tells the listener. */
    void mark(long tabletId) {
        changed.add(tabletId);
        listener.run();
    }

    /** What to call after each change (the reporter's "report soon"; it must be quick and never throw). */
    public void onChange(Runnable newListener) {
        this.listener = newListener;
    }

    /** The tablets changed since the last call, ascending; they are no longer marked. */
    public long[] take() {
        long[] taken = new long[changed.size()];
        int count = 0;
        for (Long tabletId : changed) {
            if (changed.remove(tabletId)) {
                if (count == taken.length) {
                    taken = Arrays.copyOf(taken, count * 2 + 1);
                }
                taken[count++] = tabletId;
            }
        }
        long[] result = Arrays.copyOf(taken, count);
        Arrays.sort(result);
        return result;
    }

    /** Marks {@code tabletIds} again (taken for a report that did not reach the FE); the listener is not called. */
    public void restore(long[] tabletIds) {
        for (long tabletId : tabletIds) {
            changed.add(tabletId);
        }
    }

    /** Whether any tablet is marked. */
    public boolean any() {
        return !changed.isEmpty();
    }
}
