package io.tessera.fe.exec;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendDisk;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.cluster.BackendTags;
import io.tessera.fe.result.Column;
import io.tessera.fe.result.ResultSet;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * SHOW BACKENDS and SHOW PROC '/backends' (and '/backends/&lt;id&gt;', the disks): Doris master's 29 columns, in order, with Doris's
 * formats. Rows join the registry (hard state) with what heartbeats taught the FE (soft state)
 * and the replica count per backend.
 *
 * <p>Threading: reads immutable snapshots; safe from any thread.
 */
public final class ShowBackendsExecutor {
    static final List<String> TITLES = List.of("BackendId", "Host", "HeartbeatPort", "BePort", "HttpPort",
            "BrpcPort", "ArrowFlightSqlPort", "LastStartTime", "LastHeartbeat", "Alive", "SystemDecommissioned",
            "TabletNum", "DataUsedCapacity", "TrashUsedCapacity", "AvailCapacity", "TotalCapacity", "UsedPct",
            "MaxDiskUsedPct", "RemoteUsedCapacity", "Tag", "ErrMsg", "Version", "Status",
            "HeartbeatFailureCounter", "NodeRole", "CpuCores", "Memory", "LiveSince", "RunningTasks");
    private static final List<Column> COLUMNS = TITLES.stream().map(title -> Column.varchar(title, 30)).toList();
    private static final List<Column> DISK_COLUMNS = InspectionExecutor.varchars("RootPath", "DataUsedCapacity",
            "OtherUsedCapacity", "AvailCapacity", "TotalCapacity", "TotalUsedPct", "State", "PathHash",
            "StorageMedium");

    private final BackendRegistry registry;
    private final LongFunction<BackendRuntime> runtime;
    private final ToLongFunction<Backend> tabletCount;
    private final ZoneId zone;

    /**
     * @param runtime     what heartbeats reported for a backend id
     * @param tabletCount replicas the catalog places on a backend
     */
    public ShowBackendsExecutor(BackendRegistry registry, LongFunction<BackendRuntime> runtime,
                                ToLongFunction<Backend> tabletCount, ZoneId zone) {
        this.registry = registry;
        this.runtime = runtime;
        this.tabletCount = tabletCount;
        this.zone = zone;
    }

    /** SHOW BACKENDS: rows by backend id. */
    public ResultSet showBackends() {
        return rows(Comparator.comparingLong(Backend::id));
    }

    /** SHOW PROC '/backends': the same rows by host, as Doris sorts them there. */
    public ResultSet showProc(String path) {
        String normalized = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (!normalized.startsWith("/")) {
            throw new TesseraException("Path(" + path + ") does not start with '/'");
        }
        if (normalized.equals("/")) {
            return ResultSet.of(List.of(Column.varchar("name", 30)),
                    List.of(List.of("backends"), List.of("cluster_balance"), List.of("cluster_health"),
                            List.of("dbs"), List.of("statistic"), List.of("transactions"),
                            List.of("trash")));
        }
        if (normalized.startsWith("/backends/")) {
            return disks(normalized, normalized.substring("/backends/".length()));
        }
        if (!normalized.equals("/backends")) {
            throw new TesseraException(ErrorCode.UNKNOWN_OBJECT, "Proc path '" + path + "' doesn't exist");
        }
        return rows(Comparator.comparing(Backend::host).thenComparingLong(Backend::id));
    }

    /**
     * SHOW PROC '/backends/&lt;id&gt;' (reference §12.4): one row per storage root in the order
     * of the backend's last heartbeat; none before its first. Anything below is not a directory.
     */
    private ResultSet disks(String path, String rest) {
        if (rest.contains("/")) {
            throw new TesseraException(path + " is not a directory");
        }
        long id;
        try {
            id = Long.parseLong(rest);
        } catch (NumberFormatException e) {
            throw new TesseraException("Invalid backend id format: " + rest);
        }
        Backend backend = registry.snapshot().backend(id)
                .orElseThrow(() -> new TesseraException("Backend[" + id + "] does not exist."));
        List<List<String>> rows = new ArrayList<>();
        for (BackendDisk disk : runtime.apply(id).disks()) {
            long used = disk.totalBytes() - disk.availableBytes();
            rows.add(List.of(disk.path(), DisplayFormats.bytes(disk.dataUsedBytes()),
                    DisplayFormats.bytes(used - disk.dataUsedBytes()), DisplayFormats.bytes(disk.availableBytes()),
                    DisplayFormats.bytes(disk.totalBytes()),
                    DisplayFormats.percent(disk.totalBytes() <= 0 ? 0.0 : used * 100.0 / disk.totalBytes()),
                    disk.online() ? "ONLINE" : "OFFLINE", Long.toString(pathHash(backend, disk.path())), "HDD"));
        }
        return ResultSet.of(DISK_COLUMNS, rows);
    }

    /**
     * A stable number for a backend's storage root, standing in for Doris's path hash (which the
     * BE derives from its identity and the path); Tessera's replicas do not name their root yet.
     */
    static long pathHash(Backend backend, String path) {
        return UUID.nameUUIDFromBytes((backend.host() + ":" + backend.heartbeatPort() + path)
                .getBytes(StandardCharsets.UTF_8)).getMostSignificantBits() & Long.MAX_VALUE;
    }

    private ResultSet rows(Comparator<Backend> order) {
        List<Backend> backends = new ArrayList<>(registry.snapshot().backends());
        backends.sort(order);
        List<List<String>> rows = new ArrayList<>(backends.size());
        // Heartbeats land within the same few seconds, so most times repeat: each second is formatted once.
        Map<Long, String> times = new HashMap<>();
        LongFunction<String> time = wallMillis -> wallMillis <= 0 ? null : times.computeIfAbsent(
                Math.floorDiv(wallMillis, 1000L), second -> DisplayFormats.time(second * 1000L, zone));
        for (Backend backend : backends) {
            rows.add(row(backend, runtime.apply(backend.id()), time));
        }
        return ResultSet.of(COLUMNS, rows);
    }

    private List<String> row(Backend backend, BackendRuntime state, LongFunction<String> time) {
        double usedPercent = state.totalBytes() <= 0 ? 0.0
                : (state.totalBytes() - state.availableBytes()) * 100.0 / state.totalBytes();
        List<String> row = new ArrayList<>(TITLES.size());
        row.add(Long.toString(backend.id()));
        row.add(backend.host());
        row.add(Integer.toString(backend.heartbeatPort()));
        row.add(Integer.toString(state.bePort()));
        row.add(Integer.toString(state.httpPort()));
        row.add(Integer.toString(state.brpcPort()));
        row.add(Integer.toString(state.arrowFlightSqlPort()));
        row.add(time.apply(state.lastStartTimeMs()));
        row.add(time.apply(state.lastHeartbeatMs()));
        row.add(Boolean.toString(state.alive()));
        row.add(Boolean.toString(backend.decommissioned()));
        row.add(Long.toString(tabletCount.applyAsLong(backend)));
        row.add(DisplayFormats.bytes(state.dataUsedBytes()));
        row.add(DisplayFormats.bytes(state.trashUsedBytes()));
        row.add(DisplayFormats.bytes(state.availableBytes()));
        row.add(DisplayFormats.bytes(state.totalBytes()));
        row.add(DisplayFormats.percent(usedPercent));
        row.add(DisplayFormats.percent(state.maxDiskUsedFraction() * 100.0));
        row.add(DisplayFormats.bytes(0));
        row.add(BackendTags.toDisplayJson(backend.tags()));
        row.add(state.errorMessage());
        row.add(state.version());
        row.add(statusJson(backend, state));
        row.add(Integer.toString(state.heartbeatFailures()));
        row.add(state.alive() ? state.nodeRole() : "");
        row.add(Integer.toString(state.cpuCores()));
        row.add(DisplayFormats.memory(state.memoryBytes()));
        row.add(time.apply(state.liveSinceMs()));
        row.add(Long.toString(state.runningTasks()));
        return row;
    }

    /** Doris's Status column: the JSON of its status object, fields in Doris's order. */
    static String statusJson(Backend backend, BackendRuntime state) {
        return "{\"lastSuccessReportTabletsTime\":\"N/A\",\"lastStreamLoadTime\":-1,"
                + "\"isQueryDisabled\":" + backend.queryDisabled()
                + ",\"isLoadDisabled\":" + backend.loadDisabled()
                + ",\"isActive\":true,\"isShutdown\":" + state.shuttingDown()
                + ",\"currentFragmentNum\":0,\"lastFragmentUpdateTime\":0}";
    }
}
