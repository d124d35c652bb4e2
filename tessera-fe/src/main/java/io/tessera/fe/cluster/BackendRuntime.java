package io.tessera.fe.cluster;

/**
 * What the FE has learned about a backend from talking to it: ports, times, liveness, disks.
 * Soft state, never journaled: rebuilt from heartbeats after an FE restart.
 *
 * @param bePort            the BE's data-service port, -1 before the first heartbeat
 * @param httpPort          the BE's web server port, -1 before the first heartbeat
 * @param brpcPort          a second data port, -1 when the BE runs none
 * @param arrowFlightSqlPort -1: Tessera BEs run no Arrow Flight SQL service
 * @param lastStartTimeMs   BE process start (wall ms), 0 when unknown
 * @param lastHeartbeatMs   FE time of the last successful heartbeat (wall ms), 0 when never
 * @param alive             whether the BE counts as alive
 * @param errorMessage      the last heartbeat error, "" when healthy
 * @param version           BE version string, "" before the first heartbeat
 * @param heartbeatFailures consecutive failed heartbeat rounds
 * @param nodeRole          {@code mix} or {@code computation}
 * @param cpuCores          CPU cores the BE reported; 1 by default, as in Doris
 * @param memoryBytes       BE physical memory
 * @param liveSinceMs       FE time when the BE last became alive (wall ms), 0 when never
 * @param dataUsedBytes     bytes of tablet data on its disks
 * @param trashUsedBytes    bytes in its trash
 * @param availableBytes    free bytes; 1 before a report, as in Doris
 * @param totalBytes        disk capacity
 * @param maxDiskUsedFraction the fullest disk's used fraction, 0..1
 * @param runningTasks      tasks running on the BE
 * @param shuttingDown      the BE said it is stopping gracefully (Doris's {@code isShutdown}): it
 *                          stays Alive but takes no new work
 * @param disks             its storage roots as the last successful heartbeat reported them, in
 *                          the BE's order; empty before the first
 */
public record BackendRuntime(
        int bePort,
        int httpPort,
        int brpcPort,
        int arrowFlightSqlPort,
        long lastStartTimeMs,
        long lastHeartbeatMs,
        boolean alive,
        String errorMessage,
        String version,
        int heartbeatFailures,
        String nodeRole,
        int cpuCores,
        long memoryBytes,
        long liveSinceMs,
        long dataUsedBytes,
        long trashUsedBytes,
        long availableBytes,
        long totalBytes,
        double maxDiskUsedFraction,
        long runningTasks,
        boolean shuttingDown,
        java.util.List<BackendDisk> disks) {

    public BackendRuntime {
        disks = java.util.List.copyOf(disks);
    }

    /** Without per-disk detail (what tests and a never-contacted backend have). */
    public BackendRuntime(int bePort, int httpPort, int brpcPort, int arrowFlightSqlPort, long lastStartTimeMs,
                          long lastHeartbeatMs, boolean alive, String errorMessage, String version,
                          int heartbeatFailures, String nodeRole, int cpuCores, long memoryBytes, long liveSinceMs,
                          long dataUsedBytes, long trashUsedBytes, long availableBytes, long totalBytes,
                          double maxDiskUsedFraction, long runningTasks, boolean shuttingDown) {
        this(bePort, httpPort, brpcPort, arrowFlightSqlPort, lastStartTimeMs, lastHeartbeatMs, alive, errorMessage,
                version, heartbeatFailures, nodeRole, cpuCores, memoryBytes, liveSinceMs, dataUsedBytes,
                trashUsedBytes, availableBytes, totalBytes, maxDiskUsedFraction, runningTasks, shuttingDown,
                java.util.List.of());
    }

    /** A backend the FE has never reached: Doris's values for it, not placeholders. */
    public static final BackendRuntime NEVER_CONTACTED = new BackendRuntime(-1, -1, -1, -1, 0, 0, false, "", "", 0,
            "mix", 1, 0, 0, 0, 0, 1, 0, 0.0, 0, false);
}
