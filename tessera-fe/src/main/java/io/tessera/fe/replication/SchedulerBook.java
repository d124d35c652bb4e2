package io.tessera.fe.replication;

import io.tessera.common.Clock;
import io.tessera.fe.catalog.TabletHealth;
import io.tessera.fe.config.RuntimeConfig;
import io.tessera.fe.replication.TabletSchedEntry.State;
import io.tessera.fe.replication.TabletSchedEntry.Type;
import io.tessera.fe.scheduler.Clone;
import io.tessera.fe.scheduler.SchedulingRound;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tablet scheduler's bookkeeping for the operator views (SHOW PROC '/cluster_balance' and its
 * children): the pending, running and finished work per tablet, the slots each backend uses, the
 * clone rates and Doris's {@code TabletSchedulerStat} counters. {@link ReplicationLoop} tells it
 * what happens; {@link #views} builds the immutable {@link SchedulerViews} the loop publishes.
 *
 * <p>Threading: not thread-safe; lives on the loop's thread like the rest of the loop's state.
 */
final class SchedulerBook {
    /** Doris keeps and shows at most this many finished entries. */
    static final int HISTORY_LIMIT = 1000;
    /** Doris shows at most this many rows of a queue. */
    static final int VIEW_LIMIT = 1000;
    static final String MEDIUM = "HDD";
    private static final long NO_PATH = -1;
    private static final long MIN_RATE_SAMPLE_MS = 1000;

    private final Clock clock;
    private final EnumMap<SchedStat, Long> stats = new EnumMap<>(SchedStat.class);
    private boolean statsTaken;
    private Map<Long, SchedulingRound.Unhealthy> unhealthy = Map.of();
    private final Map<Long, Long> firstSeenMs = new HashMap<>();
    private long lastCheckMs;
    private final Map<Long, TabletSchedEntry> running = new LinkedHashMap<>();
    private final Map<Long, TabletSchedEntry> removals = new LinkedHashMap<>();
    private final ArrayDeque<TabletSchedEntry> history = new ArrayDeque<>();
    private final Map<Long, Integer> failedRunning = new HashMap<>();
    private final Map<Long, RateSum> rates = new HashMap<>();

    SchedulerBook(Clock clock) {
        this.clock = clock;
    }

    /** A round ran past the readiness check (Doris's schedule round). */
    void scheduleRound() {
        statsTaken = true;
        add(SchedStat.SCHEDULE_ROUNDS, 1);
    }

    /** A round classified every tablet: the pending view becomes its unhealthy tablets. */
    void checked(SchedulingRound round, long costMs) {
        long nowMs = clock.wallMillis();
        add(SchedStat.CHECK_ROUNDS, 1);
        add(SchedStat.CHECK_COST_MS, costMs);
        add(SchedStat.TABLETS_CHECKED, round.checkedTablets());
        add(SchedStat.UNHEALTHY_CHECKED, round.unhealthy().size());
        for (Long tabletId : round.details().keySet()) {
            if (firstSeenMs.putIfAbsent(tabletId, nowMs) == null) {
                add(SchedStat.ADDED_TO_SCHEDULER, 1);
            }
        }
        firstSeenMs.keySet().retainAll(round.details().keySet());
        failedRunning.keySet().removeIf(id -> !round.details().containsKey(id) && !running.containsKey(id));
        unhealthy = round.details();
        lastCheckMs = nowMs;
    }

    /** The round decided {@code decisions} pieces of work and started {@code acted} of them. */
    void decided(int decisions, int acted, long costMs) {
        add(SchedStat.SCHEDULED, decisions);
        add(SchedStat.SCHEDULED_SUCCEEDED, acted);
        add(SchedStat.SCHEDULED_FAILED, decisions - acted);
        add(SchedStat.SCHEDULE_COST_MS, costMs);
    }

    /** A clone was sent. */
    void cloneStarted(Clone clone, long bytes, long timeoutMs, long visibleVersion) {
        long nowMs = clock.wallMillis();
        Type type = clone.reason() == Clone.Reason.BALANCE ? Type.BALANCE : Type.REPAIR;
        SchedStat counter = switch (clone.reason()) {
            case REPAIR_MISSING -> SchedStat.REPLICA_MISSING;
            case REPAIR_VERSION -> SchedStat.REPLICA_VERSION_MISSING;
            case RELOCATE_DECOMMISSION -> SchedStat.REPLICA_UNAVAILABLE;
            case BALANCE -> SchedStat.BALANCE_SCHEDULED;
        };
        add(counter, 1);
        add(SchedStat.CLONE_TASKS, 1);
        String status = switch (clone.reason()) {
            case REPAIR_MISSING -> "REPLICA_MISSING";
            case REPAIR_VERSION -> "VERSION_INCOMPLETE";
            case RELOCATE_DECOMMISSION -> "REPLICA_RELOCATING";
            case BALANCE -> "HEALTHY";
        };
        SchedulingRound.Unhealthy seen = unhealthy.get(clone.tabletId());
        if (type == Type.REPAIR && seen != null) {
            status = seen.status();
        }
        long createMs = firstSeenMs.getOrDefault(clone.tabletId(), nowMs);
        running.put(clone.tabletId(), new TabletSchedEntry(clone.tabletId(), type, MEDIUM, status, State.RUNNING,
                "NONE", clone.priority(), realPriorityVal(createMs, clone.priority(), nowMs),
                clone.sourceBackendId(), NO_PATH, clone.destinationBackendId(), NO_PATH, timeoutMs, createMs, nowMs,
                nowMs, 0, bytes, 0, 0, failedRunning.getOrDefault(clone.tabletId(), 0), visibleVersion,
                visibleVersion, ""));
    }

    /** A clone ended: recorded, or failed / no longer wanted with {@code errMsg}. */
    void cloneFinished(long tabletId, boolean succeeded, String errMsg) {
        TabletSchedEntry entry = running.remove(tabletId);
        if (entry == null) {
            return;
        }
        long nowMs = clock.wallMillis();
        long copyTimeMs = Math.max(0, nowMs - entry.lastSchedMs());
        int failures = failedRunning.getOrDefault(tabletId, 0);
        if (succeeded) {
            add(SchedStat.CLONE_SUCCEEDED, 1);
            if (copyTimeMs >= MIN_RATE_SAMPLE_MS) {
                double rate = entry.replicaSizeBytes() * 1000.0 / copyTimeMs;
                rates.computeIfAbsent(entry.srcBe(), id -> new RateSum()).add(rate);
                rates.computeIfAbsent(entry.destBe(), id -> new RateSum()).add(rate);
            }
        } else {
            add(SchedStat.CLONE_FAILED, 1);
            failures++;
            failedRunning.put(tabletId, failures);
        }
        addHistory(entry.withState(succeeded ? State.FINISHED : State.CANCELLED, nowMs, succeeded ? copyTimeMs : 0,
                failures, succeeded ? "" : errMsg, nowMs));
    }

    /** A replica's removal was decided; it waits for the loads that began before it. */
    void removalQueued(long tabletId, long replicaId, long backendId, long visibleVersion) {
        long nowMs = clock.wallMillis();
        add(SchedStat.REPLICA_REDUNDANT, 1);
        SchedulingRound.Unhealthy seen = unhealthy.get(tabletId);
        String status = seen != null ? seen.status() : "REDUNDANT";
        TabletHealth.Priority priority = seen != null ? seen.priority() : null;
        long createMs = firstSeenMs.getOrDefault(tabletId, nowMs);
        removals.put(replicaId, new TabletSchedEntry(tabletId, Type.REPAIR, MEDIUM, status, State.PENDING,
                "WAITING_DECOMMISSION", priority, realPriorityVal(createMs, priority, nowMs), backendId, NO_PATH, -1,
                NO_PATH, 0, createMs, nowMs, nowMs, 0, 0, 0, 0, failedRunning.getOrDefault(tabletId, 0),
                visibleVersion, visibleVersion, ""));
    }

    /** A removal ended: journaled, or called off with {@code errMsg}. */
    void removalFinished(long replicaId, boolean removed, String errMsg) {
        TabletSchedEntry entry = removals.remove(replicaId);
        if (entry == null) {
            return;
        }
        long nowMs = clock.wallMillis();
        addHistory(entry.withState(removed ? State.FINISHED : State.CANCELLED, nowMs, 0, entry.failedRunning(),
                removed ? "" : errMsg, nowMs));
    }

    /** The views as of now, for these backends (working_slots rows) and settings. */
    SchedulerViews views(Collection<Long> backendIds, RuntimeConfig settings) {
        long nowMs = clock.wallMillis();
        List<TabletSchedEntry> pending = new ArrayList<>();
        int pendingTotal = removals.size();
        java.util.Set<Long> removing = new java.util.HashSet<>();
        removals.values().forEach(entry -> removing.add(entry.tabletId()));
        for (Map.Entry<Long, SchedulingRound.Unhealthy> tablet : new TreeMap<>(unhealthy).entrySet()) {
            long tabletId = tablet.getKey();
            if (running.containsKey(tabletId) || removing.contains(tabletId)) {
                continue;
            }
            pendingTotal++;
            if (pending.size() < VIEW_LIMIT) {
                SchedulingRound.Unhealthy seen = tablet.getValue();
                long createMs = firstSeenMs.getOrDefault(tabletId, lastCheckMs);
                pending.add(new TabletSchedEntry(tabletId, Type.REPAIR, MEDIUM, seen.status(), State.PENDING, "NONE",
                        seen.priority(), realPriorityVal(createMs, seen.priority(), nowMs), -1, NO_PATH, -1, NO_PATH,
                        0, createMs, 0, lastCheckMs, 0, 0, 0, 0, failedRunning.getOrDefault(tabletId, 0),
                        seen.visibleVersion(), seen.visibleVersion(), ""));
            }
        }
        for (TabletSchedEntry removal : removals.values()) {
            if (pending.size() < VIEW_LIMIT) {
                pending.add(removal.visited(removal.lastVisitMs(),
                        realPriorityVal(removal.createMs(), removal.priority(), nowMs)));
            }
        }
        List<TabletSchedEntry> runningNow = new ArrayList<>();
        for (TabletSchedEntry entry : running.values()) {
            if (runningNow.size() < VIEW_LIMIT) {
                runningNow.add(entry.visited(entry.lastVisitMs(),
                        realPriorityVal(entry.createMs(), entry.priority(), nowMs)));
            }
        }
        return new SchedulerViews(pending, pendingTotal, runningNow, new ArrayList<>(history),
                slots(backendIds, settings), statsTaken ? stats : Map.of());
    }

    private List<SlotUsage> slots(Collection<Long> backendIds, RuntimeConfig settings) {
        int total = settings.scheduleSlotsPerHddPath();
        int balanceTotal = Math.max(1, settings.balanceSlotsPerPath());
        List<SlotUsage> slots = new ArrayList<>();
        for (long backendId : backendIds.stream().sorted().toList()) {
            int used = 0;
            int usedBalance = 0;
            for (TabletSchedEntry entry : running.values()) {
                if (entry.srcBe() == backendId || entry.destBe() == backendId) {
                    used++;
                    if (entry.type() == Type.BALANCE) {
                        usedBalance++;
                    }
                }
            }
            int avail = Math.max(0, total - used);
            int balanceSlot = Math.min(Math.max(0, balanceTotal - usedBalance), avail);
            RateSum rate = rates.get(backendId);
            slots.add(new SlotUsage(backendId, total, used, balanceSlot, rate == null ? 0.0 : rate.mean()));
        }
        return slots;
    }

    /**
     * Doris's {@code RealPriorityVal}: (now - compare value) / 1000 + 36000 s, the compare value
     * being the creation time plus (VERY_HIGH - priority + 1) minutes, so higher priorities and
     * older work come first.
     */
    static long realPriorityVal(long createMs, TabletHealth.Priority priority, long nowMs) {
        int rank = priority == null ? TabletHealth.Priority.LOW.ordinal() : priority.ordinal();
        long compareMs = createMs + (TabletHealth.Priority.VERY_HIGH.ordinal() - rank + 1) * 60_000L;
        return (nowMs - compareMs) / 1000 + 36_000;
    }

    private void addHistory(TabletSchedEntry entry) {
        history.addLast(entry);
        while (history.size() > HISTORY_LIMIT) {
            history.removeFirst();
        }
    }

    private void add(SchedStat stat, long delta) {
        stats.merge(stat, delta, Long::sum);
    }

    /** Sum and count of clone rates (bytes/s) on a backend. */
    private static final class RateSum {
        private double sum;
        private long count;

        void add(double rate) {
            sum += rate;
            count++;
        }

        double mean() {
            return count == 0 ? 0.0 : sum / count;
        }
    }
}
