package io.tessera.fe.exec;

import io.tessera.common.TesseraException;
import io.tessera.common.ErrorCode;
import java.util.List;
import io.tessera.fe.result.Column;
import io.tessera.fe.sql.ast.ExplainSelectStatement;
import io.tessera.fe.query.QueryExplain;
import io.tessera.fe.catalog.CatalogLookup;
import io.tessera.fe.expr.ExpressionEvaluator;
import io.tessera.common.Clock;
import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.query.TableQuery;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.schema.DatabaseDirectory;
import io.tessera.common.Cancellation;
import io.tessera.fe.session.RunningStatement;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.sql.ast.SelectStatement;
import io.tessera.fe.query.ReplicaScanner;
import io.tessera.proto.journal.TableDefinition;

/**
 * SELECT over a table of the catalog: backends scan, filter and pre-aggregate; the FE merges.
 * Threading: blocking (waits for backends); run it off I/O threads.
 */
public final class QueryExecutor {
    private final Catalog catalog;
    private final DatabaseDirectory directory;
    private final ReplicaScanner scanner;
    private final Clock clock;

    public QueryExecutor(Catalog catalog, DatabaseDirectory directory, ReplicaScanner scanner, Clock clock) {
        this.catalog = catalog;
        this.directory = directory;
        this.scanner = scanner;
        this.clock = clock;
    }

    /** True when the SELECT reads a table of the catalog (not a system table, not no table). */
    public boolean readsTable(SelectStatement select, SessionContext session) {
        if (select.from() == null || select.from().isFunction()) {
            return false;
        }
        String database = select.from().database() != null ? select.from().database() : session.database();
        return database != null && !directory.isSystemDatabase(database.toLowerCase(java.util.Locale.ROOT))
                && catalog.snapshot().database(database).isPresent();
    }

    /**
     * EXPLAIN SELECT: the plan as Doris-like text, one line per row of the one column
     * {@code Explain String}; a table's plan from {@link QueryExplain}, which decides as the query
     * does. Nothing is scanned.
     */
    public ResultSet explain(ExplainSelectStatement explain, SessionContext session) {
        SelectStatement select = explain.select();
        List<String> lines;
        if (readsTable(select, session)) {
            String database = select.from().database() != null ? select.from().database() : session.database();
            TableDefinition table = CatalogLookup.tableOrThrow(catalog.snapshot(), database, select.from().table());
            lines = new QueryExplain(database, table, select).lines();
        } else {
            if (select.from() != null && !select.from().isFunction()) {
                // An unknown database or table is the error the SELECT itself would give.
                String database = select.from().database() != null ? select.from().database() : session.database();
                if (database == null) {
                    throw new TesseraException(ErrorCode.NO_DATABASE_SELECTED, "No database selected");
                }
                directory.tableOrThrow(database, select.from().table());
            }
            String source = select.from() == null ? "VUNION (constant row)"
                    : "VSCHEMA_SCAN (" + select.from().table() + ", computed on the FE)";
            lines = List.of("PLAN FRAGMENT 0", "  PARTITION: UNPARTITIONED", "", "  RESULT SINK", "",
                    "  0:" + source);
        }
        return ResultSet.of(List.of(Column.varchar("Explain String", 1024)),
                lines.stream().map(List::of).toList());
    }

    public ResultSet execute(SelectStatement select, SessionContext session) {
        String database = select.from().database() != null ? select.from().database() : session.database();
        TableDefinition table = CatalogLookup.tableOrThrow(catalog.snapshot(), database, select.from().table());
        RunningStatement statement = session.runningStatement();
        if (statement == null) {
            statement = new RunningStatement("", clock.monotonicNanos(), new Cancellation(clock));
        }
        return new TableQuery(database, table, select, scanner, new ExpressionEvaluator(session, clock),
                statement.rowsRead(), statement.bytesScanned(), statement.cancellation()).run();
    }
}
