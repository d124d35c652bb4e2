package io.tessera.fe.schema;

import io.tessera.fe.result.Column;
import io.tessera.fe.session.SessionContext;
import java.util.List;

/**
 * An {@code information_schema} table whose rows do not depend on the catalog: ENGINES,
 * CHARACTER_SETS and COLLATIONS (what Tessera supports), and the tables of objects Tessera does
 * not have (VIEWS, ROUTINES, TRIGGERS, STATISTICS, KEY_COLUMN_USAGE, TABLE_CONSTRAINTS,
 * REFERENTIAL_CONSTRAINTS: no views, stored routines or triggers, and as in Doris no indexes or
 * constraints on a table), which are empty with Doris's columns.
 * Immutable.
 */
record FixedRowsTable(String name, List<Column> columns, List<List<Object>> fixedRows) implements SchemaTable {
    FixedRowsTable {
        columns = List.copyOf(columns);
        fixedRows = List.copyOf(fixedRows);
    }

    @Override
    public List<List<Object>> rows(SessionContext session) {
        return fixedRows;
    }
}
