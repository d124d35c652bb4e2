package io.tessera.fe.heartbeat;

import io.tessera.fe.cluster.BackendDisk;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.proto.heartbeat.HeartbeatResponse;

/**
 * The liveness state machine, as a pure function in the manner of Kafka's
 * {@code BrokerHeartbeatManager.calculateNextBrokerState}: the current state and one heartbeat
 * outcome in, the next state out. It reads no clock (the event carries its time) and writes
 * nothing, so every transition is tested without threads or time. Doris's rules
 * ({@code Backend.handleHbResponse}):
 *
 * <ul>
 *   <li>success, from any state: {@link BackendLiveness#ALIVE}, failure counter 0, ErrMsg empty,
 *       LastHeartbeat = the event's time, ports/version/memory/disks from the response,
 *       LastStartTime = the BE's start time; LiveSince = the event's time when the backend was not
 *       alive before, or when its start time changed (a restart nobody saw is a new life too);
 *   <li>failure: counter + the rounds it failed (1, or more when later rounds joined a call that
 *       stayed unanswered to its deadline), ErrMsg = the error ({@code Unknown error} when empty), everything
 *       else kept (LastHeartbeat stays the last success); an {@link BackendLiveness#ALIVE} backend
 *       becomes {@link BackendLiveness#DEAD} when the counter reaches the tolerance;
 *       {@link BackendLiveness#UNKNOWN} and {@link BackendLiveness#DEAD} stay where they are.
 * </ul>
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class LivenessTransitions {
    /** ErrMsg for a failure that came without any text, as in Doris. */
    public static final String UNKNOWN_ERROR = "Unknown error";

    private LivenessTransitions() {
    }

    /**
     * @param failureTolerance {@code max_backend_heartbeat_failure_tolerance_count}: consecutive
     *                         failed rounds that make an alive backend dead; at least 1
     */
    public static LivenessState next(LivenessState current, HeartbeatEvent event, int failureTolerance) {
        if (failureTolerance < 1) {
            throw new IllegalArgumentException("failure tolerance must be at least 1: " + failureTolerance);
        }
        if (event instanceof HeartbeatEvent.Success success) {
            return succeeded(current, success);
        }
        return failed(current, (HeartbeatEvent.Failure) event, failureTolerance);
    }

    private static LivenessState succeeded(LivenessState current, HeartbeatEvent.Success success) {
        BackendRuntime before = current.runtime();
        HeartbeatResponse response = success.response();
        long startTimeMs = response.getStartTimeMs() > 0 ? response.getStartTimeMs() : before.lastStartTimeMs();
        boolean restarted = before.lastStartTimeMs() > 0 && startTimeMs != before.lastStartTimeMs();
        long liveSinceMs = !current.liveness().alive() || restarted ? success.atMs() : before.liveSinceMs();
        DiskCapacity capacity = DiskCapacity.of(response.getDisksList());
        BackendRuntime after = new BackendRuntime(
                response.getBePort(),
                response.getHttpPort(),
                response.getBrpcPort(),
                response.getArrowFlightSqlPort(),
                startTimeMs,
                success.atMs(),
                true,
                "",
                response.getVersion(),
                0,
                response.getNodeRole().isEmpty() ? before.nodeRole() : response.getNodeRole(),
                response.getCpuCores() > 0 ? response.getCpuCores() : before.cpuCores(),
                response.getMemoryBytes(),
                liveSinceMs,
                capacity.dataUsedBytes(),
                capacity.trashUsedBytes(),
                capacity.availableBytes(),
                capacity.totalBytes(),
                capacity.maxDiskUsedFraction(),
                before.runningTasks(),
                response.getShuttingDown(),
                response.getDisksList().stream().map(disk -> new BackendDisk(disk.getPath(), disk.getTotalBytes(),
                        disk.getAvailableBytes(), disk.getDataUsedBytes(), disk.getTrashUsedBytes(),
                        disk.getOnline())).toList());
        return new LivenessState(BackendLiveness.ALIVE, after);
    }

    private static LivenessState failed(LivenessState current, HeartbeatEvent.Failure failure, int failureTolerance) {
        BackendRuntime before = current.runtime();
        int failures = (int) Math.min(Integer.MAX_VALUE, (long) before.heartbeatFailures() + failure.failedRounds());
        BackendLiveness next = switch (current.liveness()) {
            case ALIVE -> failures >= failureTolerance ? BackendLiveness.DEAD : BackendLiveness.ALIVE;
            case UNKNOWN -> BackendLiveness.UNKNOWN;
            case DEAD -> BackendLiveness.DEAD;
        };
        String errorMessage = failure.errorMessage().isBlank() ? UNKNOWN_ERROR : failure.errorMessage();
        BackendRuntime after = new BackendRuntime(
                before.bePort(),
                before.httpPort(),
                before.brpcPort(),
                before.arrowFlightSqlPort(),
                before.lastStartTimeMs(),
                before.lastHeartbeatMs(),
                next.alive(),
                errorMessage,
                before.version(),
                failures,
                before.nodeRole(),
                before.cpuCores(),
                before.memoryBytes(),
                before.liveSinceMs(),
                before.dataUsedBytes(),
                before.trashUsedBytes(),
                before.availableBytes(),
                before.totalBytes(),
                before.maxDiskUsedFraction(),
                before.runningTasks(),
                before.shuttingDown(),
                before.disks());
        return new LivenessState(next, after);
    }
}
