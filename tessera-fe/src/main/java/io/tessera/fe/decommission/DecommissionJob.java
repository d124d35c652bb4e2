package io.tessera.fe.decommission;

import io.tessera.proto.journal.DecommissionJobRecord;
import java.util.List;
import java.util.Objects;

/**
 * One decommission of one backend: what the registry forgets once the backend is removed (id,
 * host, heartbeat port), when and by whom it started, its state, and what it started with and
 * ended with. Immutable.
 *
 * @param replicasAtStart the backend's replicas when the job started
 * @param bytesAtStart    its tablet data then ({@link BackendBytes}), -1 when not known (not reported yet)
 * @param replicasMoved   replicas that left it while the job ran (set when the job ends)
 * @param bytesMoved      bytes that left it while the job ran (set when the job ends), -1 when not
 *                        known (its size at the start or at the end unknown, or a record from
 *                        before this field)
 * @param lostTabletIds   tablets the classifier called LOST once the backend was removed (no replica
 *                        left on a registered backend)
 * @param unrecoverableTabletIds tablets it called UNRECOVERABLE then (replicas left on registered
 *                        backends, none with every version); empty in records from before this field
 * @param endTimeMs       when it ended, 0 while it runs
 */
public record DecommissionJob(long jobId, long backendId, String host, int heartbeatPort, long startTimeMs,
                              String startedBy, JobState state, long replicasAtStart, long bytesAtStart,
                              long replicasMoved, long bytesMoved, List<Long> lostTabletIds,
                              List<Long> unrecoverableTabletIds, long endTimeMs) {
    public DecommissionJob {
        Objects.requireNonNull(host, "host is null");
        Objects.requireNonNull(startedBy, "startedBy is null");
        Objects.requireNonNull(state, "state is null");
        lostTabletIds = List.copyOf(lostTabletIds);
        unrecoverableTabletIds = List.copyOf(unrecoverableTabletIds);
    }

    /**
     * The job after {@code event} at {@code nowMs}; an ending event records the end and the moves.
     *
     * @param bytesLeft     the backend's tablet data now, -1 when not known
     * @param lost          tablets lost with the backend (recorded only by an ending event)
     * @param unrecoverable tablets left unrecoverable by its removal (likewise)
     */
    public DecommissionJob after(JobState.Event event, long nowMs, long replicasLeft, long bytesLeft,
                                 List<Long> lost, List<Long> unrecoverable) {
        JobState next = state.next(event);
        if (next == state) {
            return this;
        }
        boolean ends = !next.active();
        return new DecommissionJob(jobId, backendId, host, heartbeatPort, startTimeMs, startedBy, next,
                replicasAtStart, bytesAtStart, ends ? Math.max(0, replicasAtStart - replicasLeft) : replicasMoved,
                ends ? bytesMoved(bytesAtStart, bytesLeft) : bytesMoved, ends ? lost : lostTabletIds,
                ends ? unrecoverable : unrecoverableTabletIds, ends ? nowMs : 0);
    }

    /** Bytes moved from a start and a now figure, each -1 when unknown: -1 unless both are known. */
    static long bytesMoved(long bytesAtStart, long bytesLeft) {
        return bytesAtStart < 0 || bytesLeft < 0 ? -1 : Math.max(0, bytesAtStart - bytesLeft);
    }

    public DecommissionJobRecord toRecord() {
        return DecommissionJobRecord.newBuilder().setJobId(jobId).setBackendId(backendId).setHost(host)
                .setHeartbeatPort(heartbeatPort).setStartTimeMs(startTimeMs).setStartedBy(startedBy)
                .setState(state.name()).setReplicasAtStart(replicasAtStart).setBytesAtStart(bytesAtStart)
                .setReplicasMoved(replicasMoved).setBytesMoved(bytesMoved).addAllLostTabletIds(lostTabletIds)
                .addAllUnrecoverableTabletIds(unrecoverableTabletIds)
                .setEndTimeMs(endTimeMs).build();
    }

    /**
     * @throws IllegalStateException for a state name this version does not know (an invariant
     *                               break: the journal is newer than the code)
     */
    public static DecommissionJob fromRecord(DecommissionJobRecord record) {
        JobState state;
        try {
            state = JobState.valueOf(record.getState());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("decommission job " + record.getJobId() + " has unknown state '"
                    + record.getState() + "'", e);
        }
        return new DecommissionJob(record.getJobId(), record.getBackendId(), record.getHost(),
                record.getHeartbeatPort(), record.getStartTimeMs(), record.getStartedBy(), state,
                record.getReplicasAtStart(), record.getBytesAtStart(), record.getReplicasMoved(),
                record.hasBytesMoved() ? record.getBytesMoved() : -1, record.getLostTabletIdsList(),
                record.getUnrecoverableTabletIdsList(), record.getEndTimeMs());
    }
}
