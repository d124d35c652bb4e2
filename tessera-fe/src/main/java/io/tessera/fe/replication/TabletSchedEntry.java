package io.tessera.fe.replication;

import io.tessera.fe.catalog.TabletHealth;
import java.util.Objects;

/**
 * One tablet's scheduling as Doris's {@code TabletSchedCtx.getBrief} shows it in SHOW PROC
 * '/cluster_balance/pending_tablets', 'running_tablets' and 'history_tablets' (24 columns). Raw
 * values: the view formats them. Immutable.
 *
 * @param tabletId         the tablet
 * @param type             REPAIR or BALANCE
 * @param medium           always {@code HDD}: backends report no storage medium
 * @param status           Doris's tablet status name ({@code REPLICA_RELOCATING}, ...)
 * @param state            PENDING, RUNNING, FINISHED or CANCELLED
 * @param schedCode        {@code NONE}, or {@code WAITING_DECOMMISSION} for a removal waiting for earlier loads
 * @param priority         the repair priority, null when unknown
 * @param realPriorityVal  (now - compare value) / 1000 + 36000, in seconds, as of the snapshot
 * @param srcBe            the clone's source (a removal: the backend losing the replica), or -1
 * @param srcPath          -1: no path hashes
 * @param destBe           the clone's destination, or -1
 * @param destPath         -1: no path hashes
 * @param timeoutMs        the clone task's timeout, 0 for a removal
 * @param createMs         when the tablet was first seen needing work, or the work was decided
 * @param lastSchedMs      when the work was decided, 0 before
 * @param lastVisitMs      when the scheduler last looked at it
 * @param finishedMs       when it finished or was cancelled, 0 before
 * @param replicaSizeBytes the source replica's reported size
 * @param copyTimeMs       how long the finished clone took, 0 when not finished
 * @param failedSched      0: a decision is never retried in place
 * @param failedRunning    clones of this tablet that failed since the FE started
 * @param visibleVersion   the partition's visible version
 * @param committedVersion the same (no separate committed version is kept per partition)
 * @param errMsg           why it failed or was cancelled, or ""
 */
public record TabletSchedEntry(long tabletId, Type type, String medium, String status, State state, String schedCode,
                               TabletHealth.Priority priority, long realPriorityVal, long srcBe, long srcPath,
                               long destBe, long destPath, long timeoutMs, long createMs, long lastSchedMs,
                               long lastVisitMs, long finishedMs, long replicaSizeBytes, long copyTimeMs,
                               int failedSched, int failedRunning, long visibleVersion, long committedVersion,
                               String errMsg) {
    /** Doris's {@code TabletSchedCtx.Type}. */
    public enum Type {
        REPAIR, BALANCE
    }

    /** Doris's {@code TabletSchedCtx.State} (without UNEXPECTED). */
    public enum State {
        PENDING, RUNNING, FINISHED, CANCELLED
    }

    public TabletSchedEntry {
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(state, "state is null");
        errMsg = errMsg == null ? "" : errMsg;
    }

    TabletSchedEntry withState(State newState, long newFinishedMs, long newCopyTimeMs, int newFailedRunning,
                               String newErrMsg, long nowMs) {
        return new TabletSchedEntry(tabletId, type, medium, status, newState, schedCode, priority, realPriorityVal,
                srcBe, srcPath, destBe, destPath, timeoutMs, createMs, lastSchedMs, nowMs, newFinishedMs,
                replicaSizeBytes, newCopyTimeMs, failedSched, newFailedRunning, visibleVersion, committedVersion,
                newErrMsg);
    }

    TabletSchedEntry visited(long nowMs, long newRealPriorityVal) {
        return new TabletSchedEntry(tabletId, type, medium, status, state, schedCode, priority, newRealPriorityVal,
                srcBe, srcPath, destBe, destPath, timeoutMs, createMs, lastSchedMs, nowMs, finishedMs,
                replicaSizeBytes, copyTimeMs, failedSched, failedRunning, visibleVersion, committedVersion, errMsg);
    }
}
