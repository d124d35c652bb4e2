package io.tessera.fe.decommission;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * One row of SHOW DECOMMISSION: a job's progress from the job (hard state) and what the FE knows
 * now (soft state: the backend's replicas in the catalog, their reported sizes, the clone rate
 * measured for it). A pure function, so the rules below are tested with hand-written inputs.
 *
 * <p>Rules. A figure that is not known is null (SQL NULL), never 0. A running job: ReplicasLeft is
 * the backend's replicas now, ReplicasMoved what left of those it started with (never negative:
 * replicas placed on it meanwhile count as left, not as negative moves); BytesLeft is its data now
 * ({@link BackendBytes}), BytesMoved the start's figure minus it; the rate is the one measured
 * over its recent clones, the ETA BytesLeft divided by it. A paused job is a running job (State
 * PAUSED) with the same figures but no ETA, as nothing moves while it is paused. A finished job shows what it recorded
 * when it ended: replicas and bytes moved, the rest of its start figures as left, its average rate
 * over its run, no ETA; a Warning names the tablets it lost and those it left unrecoverable, if a
 * DROPP ended it with some ({@code 2 tablet(s) lost: 1, 2; 1 tablet(s) unrecoverable: 3}). A
 * running job's Blocked counts its replicas not moving (SHOW DECOMMISSION BLOCKERS), and its Warning
 * is the caller's stall warning, if it stalled; a finished job has no Blocked.
 *
 * <p>Threading: stateless.
 */
public final class DecommissionProgress {
    /** A Warning lists at most this many tablet ids of each kind. */
    static final int LOST_IDS_SHOWN = 10;

    private DecommissionProgress() {
    }

    /**
     * A row. Times are wall milliseconds (finishedAtMs null while running); every boxed figure
     * may be null (not known).
     */
    public record Row(long jobId, long backendId, String host, int heartbeatPort, JobState state, long startedAtMs,
                      String startedBy, Long finishedAtMs, long replicasTotal, long replicasMoved, long replicasLeft,
                      Long bytesTotal, Long bytesMoved, Long bytesLeft, Long rateBytesPerSecond, Long etaSeconds,
                      Long blocked, String warning) {
    }

    /**
     * @param replicasNow        the backend's replicas in the catalog now (used for a running job)
     * @param bytesNow           its tablet data now, -1 when not known (used for a running job)
     * @param bytesPerSecond     the clone rate measured for it recently, empty when none is known
     * @param blocked            its replicas not moving now, null when not known (used for a running job)
     * @param stallWarning       the warning of a running job that made no progress for the stall
     *                           time, null when it did not stall
     */
    public static Row of(DecommissionJob job, long replicasNow, long bytesNow, OptionalDouble bytesPerSecond,
                         Long blocked, String stallWarning) {
        Long bytesTotal = job.bytesAtStart() >= 0 ? job.bytesAtStart() : null;
        if (!job.state().active()) {
            return finished(job, bytesTotal);
        }
        long replicasMoved = Math.max(0, job.replicasAtStart() - replicasNow);
        Long bytesLeft = bytesNow >= 0 ? bytesNow : null;
        Long bytesMoved = bytesTotal != null && bytesLeft != null ? Math.max(0, bytesTotal - bytesLeft) : null;
        Long rate = bytesPerSecond.isPresent() && bytesPerSecond.getAsDouble() > 0
                ? Math.round(bytesPerSecond.getAsDouble()) : null;
        Long eta = null;
        boolean paused = job.state() == JobState.PAUSED;  // no moves are made while paused: no ETA
        if (!paused && bytesLeft != null && bytesLeft == 0) {
            eta = 0L;
        } else if (!paused && bytesLeft != null && rate != null) {
            eta = (long) Math.ceil(bytesLeft / bytesPerSecond.getAsDouble());
        }
        return new Row(job.jobId(), job.backendId(), job.host(), job.heartbeatPort(), job.state(), job.startTimeMs(),
                job.startedBy(), null, job.replicasAtStart(), replicasMoved, replicasNow, bytesTotal, bytesMoved,
                bytesLeft, rate, eta, blocked, stallWarning);
    }

    private static Row finished(DecommissionJob job, Long bytesTotal) {
        Long bytesMoved = job.bytesMoved() >= 0 ? job.bytesMoved() : null;
        Long bytesLeft = bytesTotal != null && bytesMoved != null ? Math.max(0, bytesTotal - bytesMoved) : null;
        long durationMs = job.endTimeMs() - job.startTimeMs();
        Long rate = bytesMoved != null && durationMs > 0 ? Math.round(bytesMoved * 1000.0 / durationMs) : null;
        return new Row(job.jobId(), job.backendId(), job.host(), job.heartbeatPort(), job.state(), job.startTimeMs(),
                job.startedBy(), job.endTimeMs() > 0 ? job.endTimeMs() : null, job.replicasAtStart(),
                job.replicasMoved(), Math.max(0, job.replicasAtStart() - job.replicasMoved()), bytesTotal, bytesMoved,
                bytesLeft, rate, null, null, lossWarning(job.lostTabletIds(), job.unrecoverableTabletIds()));
    }

    /**
     * {@code 2 tablet(s) lost: 10005, 10007}, {@code 1 tablet(s) unrecoverable: 10009}, or both
     * joined by {@code "; "}; null when none was lost nor left unrecoverable.
     */
    static String lossWarning(List<Long> lostTabletIds, List<Long> unrecoverableTabletIds) {
        List<String> parts = new ArrayList<>();
        if (!lostTabletIds.isEmpty()) {
            parts.add(listed(lostTabletIds, "lost"));
        }
        if (!unrecoverableTabletIds.isEmpty()) {
            parts.add(listed(unrecoverableTabletIds, "unrecoverable"));
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    private static String listed(List<Long> tabletIds, String what) {
        String shown = tabletIds.stream().limit(LOST_IDS_SHOWN).map(String::valueOf)
                .collect(Collectors.joining(", "));
        String more = tabletIds.size() > LOST_IDS_SHOWN ? ", ..." : "";
        return tabletIds.size() + " tablet(s) " + what + ": " + shown + more;
    }
}
