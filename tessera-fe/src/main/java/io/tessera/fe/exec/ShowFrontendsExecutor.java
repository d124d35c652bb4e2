package io.tessera.fe.exec;

import io.tessera.common.Clock;
import io.tessera.common.TesseraException;
import io.tessera.fe.result.Column;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.sql.ast.ShowFrontendsStatement;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@code SHOW FRONTENDS} (reference §11.7): Doris master's 19 columns for the one FE Tessera runs.
 * Its row is this FE as it is now: it is the journal's only peer, so FOLLOWER, master, helper,
 * joined and alive; ReplayedJournalId is the journal's last applied index; LastHeartbeat is the
 * time of the statement (the FE answering is its own heartbeat, as Doris's master marks itself
 * on every round); CurrentConnected is {@code Yes}, as every client is connected to it.
 * {@code SHOW FRONTENDS DISKS} is not there yet; any other word gets Doris's refusal.
 *
 * <p>Threading: reads a supplier of immutable values and the journal's counter; safe from any thread.
 */
public final class ShowFrontendsExecutor {
    static final List<String> TITLES = List.of("Name", "Host", "EditLogPort", "HttpPort", "QueryPort", "RpcPort",
            "ArrowFlightSqlPort", "Role", "IsMaster", "ClusterId", "Join", "Alive", "ReplayedJournalId",
            "LastStartTime", "LastHeartbeat", "IsHelper", "ErrMsg", "Version", "CurrentConnected");
    private static final List<Column> COLUMNS = TITLES.stream().map(title -> Column.varchar(title, 30)).toList();

    private final Supplier<FrontendSelf> self;
    private final LongSupplier replayedJournalId;
    private final Clock clock;
    private final ZoneId zone;

    /**
     * @param self              this FE's identity, ports and start time
     * @param replayedJournalId the journal's last applied index
     */
    public ShowFrontendsExecutor(Supplier<FrontendSelf> self, LongSupplier replayedJournalId, Clock clock,
                                 ZoneId zone) {
        this.self = self;
        this.replayedJournalId = replayedJournalId;
        this.clock = clock;
        this.zone = zone;
    }

    public ResultSet show(ShowFrontendsStatement statement) {
        if (statement.extra() != null) {
            if (!statement.extra().toLowerCase(Locale.ROOT).equals("disks")) {
                throw new TesseraException("Show frontends with extra info only support show frontends disks");
            }
            throw new TesseraException("SHOW FRONTENDS DISKS is not supported yet");
        }
        FrontendSelf fe = self.get();
        List<String> row = Arrays.asList(fe.name(), fe.host(), Integer.toString(fe.editLogPort()),
                Integer.toString(fe.httpPort()), Integer.toString(fe.queryPort()), Integer.toString(fe.rpcPort()),
                Integer.toString(fe.arrowFlightSqlPort()), "FOLLOWER", "true", Long.toString(fe.clusterId()), "true",
                "true", Long.toString(replayedJournalId.getAsLong()), DisplayFormats.time(fe.startTimeMs(), zone),
                DisplayFormats.time(clock.wallMillis(), zone), "true", "", fe.version(), "Yes");
        return ResultSet.of(COLUMNS, List.of(row));
    }
}
