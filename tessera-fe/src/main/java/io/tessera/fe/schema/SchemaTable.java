package io.tessera.fe.schema;

import io.tessera.fe.result.Column;
import io.tessera.fe.session.SessionContext;
import java.util.List;

/**
 * A table whose rows the FE computes on demand (information_schema). Rows hold expression
 * values (see {@code SqlValues}), one per column.
 */
public interface SchemaTable {
    /** The table's name as shown by SHOW TABLES. */
    String name();

    /** The columns, with schema and table filled in. */
    List<Column> columns();

    List<List<Object>> rows(SessionContext session);
}
