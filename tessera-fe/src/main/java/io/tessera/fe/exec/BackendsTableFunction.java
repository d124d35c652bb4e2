package io.tessera.fe.exec;

import io.tessera.common.TesseraException;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.cluster.BackendTags;
import io.tessera.fe.result.Column;
import io.tessera.fe.result.ColumnType;
import io.tessera.fe.schema.SchemaTable;
import io.tessera.fe.session.SessionContext;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The {@code backends()} table function (reference §12.7): Doris's 25 typed columns, one row per
 * backend, so an operator can filter and project with SELECT ({@code SELECT BackendId, Alive FROM
 * backends() WHERE Host = '...'}). Sizes are raw bytes and percentages unrounded, unlike SHOW
 * BACKENDS; the booleans are BOOLEAN values, which the MySQL protocol shows as 1 and 0; the two
 * times are strings, {@code \N} (two characters) when unset, as Doris's longToTimeString gives.
 * Rows in backend id order (Doris: the registry map's order). Doris has no
 * {@code information_schema.backends} since 2.0, so neither does Tessera.
 *
 * <p>Threading: reads immutable snapshots; safe from any thread.
 */
public final class BackendsTableFunction implements SchemaTable {
    static final String NAME = "backends";
    private static final List<Column> COLUMNS = List.of(new Column("BackendId", ColumnType.BIGINT),
            Column.varchar("Host", 255), new Column("HeartbeatPort", ColumnType.INT),
            new Column("BePort", ColumnType.INT), new Column("HttpPort", ColumnType.INT),
            new Column("BrpcPort", ColumnType.INT), new Column("ArrowFlightSqlPort", ColumnType.INT),
            Column.varchar("LastStartTime", 255), Column.varchar("LastHeartbeat", 255),
            new Column("Alive", ColumnType.TINYINT), new Column("SystemDecommissioned", ColumnType.TINYINT),
            new Column("TabletNum", ColumnType.BIGINT), new Column("DataUsedCapacity", ColumnType.BIGINT),
            new Column("TrashUsedCapacity", ColumnType.BIGINT), new Column("AvailCapacity", ColumnType.BIGINT),
            new Column("TotalCapacity", ColumnType.BIGINT), new Column("UsedPct", ColumnType.DOUBLE),
            new Column("MaxDiskUsedPct", ColumnType.DOUBLE), new Column("RemoteUsedCapacity", ColumnType.BIGINT),
            Column.varchar("Tag", 255), Column.varchar("ErrMsg", 255), Column.varchar("Version", 255),
            Column.varchar("Status", 255), new Column("HeartbeatFailureCounter", ColumnType.INT),
            Column.varchar("NodeRole", 255));

    private final Supplier<BackendRegistry.Snapshot> registry;
    private final LongFunction<BackendRuntime> runtime;
    private final ToLongFunction<Backend> tabletCount;
    private final ZoneId zone;

    public BackendsTableFunction(Supplier<BackendRegistry.Snapshot> registry, LongFunction<BackendRuntime> runtime,
                                 ToLongFunction<Backend> tabletCount, ZoneId zone) {
        this.registry = registry;
        this.runtime = runtime;
        this.tabletCount = tabletCount;
        this.zone = zone;
    }

    /** Doris's refusal of any argument. */
    public static void checkArguments(int count) {
        if (count > 0) {
            throw new TesseraException("backends table-valued-function does not support any params");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<List<Object>> rows(SessionContext session) {
        List<Backend> backends = new ArrayList<>(registry.get().backends());
        backends.sort(java.util.Comparator.comparingLong(Backend::id));
        List<List<Object>> rows = new ArrayList<>();
        for (Backend backend : backends) {
            BackendRuntime state = runtime.apply(backend.id());
            double usedPercent = state.totalBytes() <= 0 ? 0.0
                    : (state.totalBytes() - state.availableBytes()) * 100.0 / state.totalBytes();
            rows.add(Arrays.asList(backend.id(), backend.host(), (long) backend.heartbeatPort(),
                    (long) state.bePort(), (long) state.httpPort(), (long) state.brpcPort(),
                    (long) state.arrowFlightSqlPort(), time(state.lastStartTimeMs()), time(state.lastHeartbeatMs()),
                    state.alive(), backend.decommissioned(), tabletCount.applyAsLong(backend),
                    state.dataUsedBytes(), state.trashUsedBytes(), state.availableBytes(), state.totalBytes(),
                    usedPercent, state.maxDiskUsedFraction() * 100.0, 0L, BackendTags.toDisplayJson(backend.tags()),
                    state.errorMessage(), state.version(), ShowBackendsExecutor.statusJson(backend, state),
                    (long) state.heartbeatFailures(), state.alive() ? state.nodeRole() : ""));
        }
        return rows;
    }

    private String time(long wallMillis) {
        String text = DisplayFormats.time(wallMillis, zone);
        return text == null ? "\\N" : text;
    }
}
