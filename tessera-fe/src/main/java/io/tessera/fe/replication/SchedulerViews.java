package io.tessera.fe.replication;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The tablet scheduler as SHOW PROC '/cluster_balance' and its children show it, built by
 * {@link SchedulerBook} on the loop's thread. Immutable.
 *
 * @param pending      tablets waiting (the last full round's unhealthy ones without a clone, and
 *                     removals waiting for earlier loads), at most {@link SchedulerBook#VIEW_LIMIT}
 * @param pendingTotal how many are pending in all
 * @param running      clones in flight
 * @param history      finished and cancelled work, oldest first, the {@link SchedulerBook#HISTORY_LIMIT} most recent
 * @param slots        per backend, by backend id
 * @param stats        the counters since the FE started; empty until the first scheduling round
 */
public record SchedulerViews(List<TabletSchedEntry> pending, int pendingTotal, List<TabletSchedEntry> running,
                             List<TabletSchedEntry> history, List<SlotUsage> slots, Map<SchedStat, Long> stats) {
    public static final SchedulerViews EMPTY = new SchedulerViews(List.of(), 0, List.of(), List.of(), List.of(),
            Map.of());

    public SchedulerViews {
        pending = List.copyOf(pending);
        running = List.copyOf(running);
        history = List.copyOf(history);
        slots = List.copyOf(slots);
        stats = stats.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(stats));
    }

    /** A counter's value, 0 when it has none. */
    public long stat(SchedStat stat) {
        return stats.getOrDefault(stat, 0L);
    }
}
