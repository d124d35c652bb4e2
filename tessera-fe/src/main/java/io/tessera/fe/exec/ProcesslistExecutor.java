package io.tessera.fe.exec;

import io.tessera.common.Clock;
import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.auth.AccessControl;
import io.tessera.fe.auth.Privilege;
import io.tessera.fe.result.Column;
import io.tessera.fe.result.ColumnType;
import io.tessera.fe.result.OkResult;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.session.ConnectionRegistry;
import io.tessera.fe.session.LiveConnection;
import io.tessera.fe.session.RunningStatement;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.sql.ast.KillStatement;
import io.tessera.fe.sql.ast.ShowProcesslistStatement;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * SHOW [FULL] PROCESSLIST, SHOW PROC '/current_queries' and KILL (reference §12.8), over the FE's
 * {@link ConnectionRegistry}. Who sees and kills what follows Doris: a user without global ADMIN
 * sees and kills only connections of the same user name; everyone may kill their own.
 *
 * <p>Threading: stateless apart from its thread-safe collaborators; runs on the asking
 * connection's thread while other connections change theirs, so each row is one connection's
 * consistent {@link LiveConnection#view}.
 */
public final class ProcesslistExecutor {
    static final String CURRENT_QUERIES = "/current_queries";
    /** Without FULL, Info is cut to this many characters, as in MySQL and Doris. */
    static final int INFO_CHARS = 100;
    private static final List<Column> PROCESSLIST_COLUMNS = List.of(Column.varchar("CurrentConnected", 16),
            new Column("Id", ColumnType.BIGINT), Column.varchar("User", 32), Column.varchar("Host", 261),
            new Column("LoginTime", ColumnType.DATETIME), Column.varchar("Catalog", 64), Column.varchar("Db", 64),
            Column.varchar("Command", 16), new Column("Time", ColumnType.INT), Column.varchar("State", 64),
            Column.varchar("QueryId", 256), Column.varchar("TraceId", 256), Column.varchar("Info", 65533),
            Column.varchar("FE", 64), Column.varchar("CloudCluster", 64));
    private static final List<String> CURRENT_QUERY_TITLES = List.of("QueryId", "ConnectionId", "Catalog",
            "Database", "User", "ScanBytes", "ProcessRows", "ExecTime");
    private static final DateTimeFormatter LOGIN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String[] BYTE_UNITS = {"", "KB", "MB", "GB", "TB"};

    private final ConnectionRegistry connections;
    private final AccessControl accessControl;
    private final Clock clock;
    private final ZoneId zone;
    private final String frontendHost;

    /**
     * @param frontendHost this FE's host, Doris's FE column
     */
    public ProcesslistExecutor(ConnectionRegistry connections, AccessControl accessControl, Clock clock, ZoneId zone,
                               String frontendHost) {
        this.connections = connections;
        this.accessControl = accessControl;
        this.clock = clock;
        this.zone = zone;
        this.frontendHost = frontendHost;
    }

    /** SHOW PROCESSLIST's columns (also information_schema.processlist's). */
    public static List<Column> processlistColumns() {
        return PROCESSLIST_COLUMNS;
    }

    public static boolean handles(String path) {
        return path.equals(CURRENT_QUERIES) || path.startsWith(CURRENT_QUERIES + "/");
    }

    public ResultSet showProcesslist(ShowProcesslistStatement statement, SessionContext session) {
        boolean seesAll = accessControl.holdsGlobal(session.user(), Privilege.ADMIN);
        long now = clock.monotonicNanos();
        List<List<String>> rows = new ArrayList<>();
        for (LiveConnection connection : connections.list()) {
            if (!seesAll && !connection.user().user().equals(session.user().user())) {
                continue;
            }
            LiveConnection.View view = connection.view();
            // As Doris: the error of a failed statement whole, the text cut to 100 characters without FULL.
            String info = view.statement();
            if (!statement.full() && info.length() > INFO_CHARS) {
                info = info.substring(0, INFO_CHARS);
            }
            if ("ERR".equals(view.state())) {
                info = view.errorMessage();
            }
            rows.add(List.of(view.connectionId() == session.connectionId() ? "Yes" : "No",
                    Integer.toString(view.connectionId()), view.user().user(), view.client(),
                    LOGIN_TIME.format(Instant.ofEpochMilli(view.loginWallMillis()).atZone(zone)), "internal",
                    view.database() == null ? "" : view.database(), view.command().display(),
                    Long.toString(Math.max(0, now - view.commandStartNanos()) / 1_000_000_000L), view.state(),
                    view.queryId(), "", info, frontendHost, "NULL"));
        }
        return ResultSet.of(PROCESSLIST_COLUMNS, rows);
    }

    /**
     * SHOW PROC '/current_queries': the statements running on this FE (the asking one excepted),
     * longest running first; '/current_queries/&lt;id&gt;' shows one's text.
     */
    public ResultSet showCurrentQueries(String path, SessionContext session) {
        long now = clock.monotonicNanos();
        List<LiveConnection.View> running = new ArrayList<>();
        for (LiveConnection connection : connections.list()) {
            LiveConnection.View view = connection.view();
            if (view.running().isPresent() && view.connectionId() != session.connectionId()) {
                running.add(view);
            }
        }
        if (!path.equals(CURRENT_QUERIES)) {
            String queryId = path.substring(CURRENT_QUERIES.length() + 1);
            LiveConnection.View view = running.stream().filter(v -> v.queryId().equals(queryId)).findFirst()
                    .orElseThrow(() -> new TesseraException(ErrorCode.UNKNOWN_OBJECT, queryId + " doesn't exist."));
            return ResultSet.of(InspectionExecutor.varchars("Sql"), List.of(List.of(view.statement())));
        }
        running.sort(Comparator.comparingLong((LiveConnection.View view) -> view.running().get().startNanos()));
        List<List<String>> rows = new ArrayList<>();
        for (LiveConnection.View view : running) {
            RunningStatement statement = view.running().get();
            rows.add(List.of(view.queryId(), Integer.toString(view.connectionId()), "internal",
                    view.database() == null ? "" : view.database(), view.user().user(),
                    statement.scanned() ? bytes(statement.bytesScannedSoFar()) : "N/A",
                    statement.scanned() ? statement.rowsReadSoFar() + " Rows" : "N/A",
                    Long.toString(Math.max(0, now - statement.startNanos()) / 1_000_000L)));
        }
        return ResultSet.of(InspectionExecutor.varchars(CURRENT_QUERY_TITLES.toArray(String[]::new)), rows);
    }

    /**
     * KILL: QUERY cancels the connection's running statement (it fails with Doris's
     * {@code cancel query by user from <host>}), CONNECTION also closes it. Killing your own
     * connection closes it too, so its client sees the connection lost.
     */
    public OkResult kill(KillStatement statement, SessionContext session) {
        LiveConnection target = statement.queryId() != null ? byQueryId(statement.queryId())
                : connections.findOrThrow(statement.connectionId());
        boolean own = target.connectionId() == session.connectionId();
        if (!own && !target.user().user().equals(session.user().user())
                && !accessControl.holdsGlobal(session.user(), Privilege.ADMIN)) {
            throw new TesseraException(ErrorCode.KILL_DENIED, "You are not owner of thread or query: "
                    + (statement.queryId() != null ? statement.queryId() : Long.toString(statement.connectionId())));
        }
        TesseraException why = new TesseraException(ErrorCode.QUERY_CANCELLED,
                "cancel query by user from " + session.user().host());
        if (statement.queryOnly()) {
            target.killQuery(why);
        } else {
            target.killConnection(why);
        }
        return OkResult.EMPTY;
    }

    private LiveConnection byQueryId(String queryId) {
        for (LiveConnection connection : connections.list()) {
            LiveConnection.View view = connection.view();
            if (view.running().isPresent() && view.queryId().equals(queryId)) {
                return connection;
            }
        }
        throw new TesseraException(ErrorCode.NO_SUCH_QUERY, "Unknown query id: " + queryId);
    }

    /** Doris's {@code %.2f} and unit: {@code 1.25 MB}, {@code 0.00 } for nothing. */
    static String bytes(long count) {
        double value = count;
        int unit = 0;
        while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f %s", value, BYTE_UNITS[unit]);
    }
}
