package io.tessera.fe.exec;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.cluster.BackendTags;
import io.tessera.fe.result.Column;
import io.tessera.fe.result.ResultSet;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * SHOW BACKENDS and SHOW PROC '/backends': Doris master's 29 columns, in order, with Doris's
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
                            List.of("statistic")));
        }
        if (!normalized.equals("/backends")) {
            throw new TesseraException(ErrorCode.UNKNOWN_OBJECT, "Proc path '" + path + "' doesn't exist");
        }
        return rows(Comparator.comparing(Backend::host).thenComparingLong(Backend::id));
    }

    private ResultSet rows(Comparator<Backend> order) {
        List<Backend> backends = new ArrayList<>(registry.snapshot().backends());
        backends.sort(order);
        List<List<String>> rows = new ArrayList<>(backends.size());
        for (Backend backend : backends) {
            rows.add(row(backend, runtime.apply(backend.id())));
        }
        return ResultSet.of(COLUMNS, rows);
    }

    private List<String> row(Backend backend, BackendRuntime state) {
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
        row.add(DisplayFormats.time(state.lastStartTimeMs(), zone));
        row.add(DisplayFormats.time(state.lastHeartbeatMs(), zone));
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
        row.add(DisplayFormats.time(state.liveSinceMs(), zone));
        row.add(Long.toString(state.runningTasks()));
        return row;
    }

    /** Doris's Status column: the JSON of its status object, fields in Doris's order. */
    private static String statusJson(Backend backend, BackendRuntime state) {
        return "{\"lastSuccessReportTabletsTime\":\"N/A\",\"lastStreamLoadTime\":-1,"
                + "\"isQueryDisabled\":" + backend.queryDisabled()
                + ",\"isLoadDisabled\":" + backend.loadDisabled()
                + ",\"isActive\":true,\"isShutdown\":" + state.shuttingDown()
                + ",\"currentFragmentNum\":0,\"lastFragmentUpdateTime\":0}";
    }
}
