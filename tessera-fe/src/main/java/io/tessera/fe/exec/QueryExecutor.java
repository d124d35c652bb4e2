package io.tessera.fe.exec;

import io.tessera.fe.catalog.CatalogLookup;
import io.tessera.fe.expr.ExpressionEvaluator;
import io.tessera.common.Clock;
import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.query.TableQuery;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.schema.DatabaseDirectory;
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

    public ResultSet execute(SelectStatement select, SessionContext session) {
        String database = select.from().database() != null ? select.from().database() : session.database();
        TableDefinition table = CatalogLookup.tableOrThrow(catalog.snapshot(), database, select.from().table());
        return new TableQuery(database, table, select, scanner, new ExpressionEvaluator(session, clock)).run();
    }
}
