package io.tessera.fe.schema;

import io.tessera.fe.result.Column;
import io.tessera.fe.result.ColumnType;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.session.SessionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code information_schema.processlist}: the rows of SHOW FULL PROCESSLIST, which Doris's table
 * has been aligned with (the same 15 columns), so clients that query the table (monitoring tools,
 * IDEs' session views) see what the statement shows, with the same visibility. The rows come from
 * the statement's executor, outside this package; Id and Time are numbers here so that
 * {@code WHERE Id = 5} compares as a number.
 *
 * <p>Threading: stateless; the row source is thread-safe.
 */
public final class ProcesslistTable implements SchemaTable {
    private final List<Column> columns;
    private final Function<SessionContext, ResultSet> processlist;

    /**
     * @param columns     SHOW PROCESSLIST's columns
     * @param processlist SHOW FULL PROCESSLIST's answer to a session
     */
    public ProcesslistTable(List<Column> columns, Function<SessionContext, ResultSet> processlist) {
        this.columns = columns.stream().map(c -> c.inTable(DatabaseDirectory.INFORMATION_SCHEMA, "processlist"))
                .toList();
        this.processlist = processlist;
    }

    @Override
    public String name() {
        return "processlist";
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public List<List<Object>> rows(SessionContext session) {
        ResultSet answer = processlist.apply(session);
        List<List<Object>> rows = new ArrayList<>();
        for (List<String> row : answer.rows()) {
            List<Object> values = new ArrayList<>(row.size());
            for (int i = 0; i < row.size(); i++) {
                ColumnType type = columns.get(i).type();
                String text = row.get(i);
                boolean number = text != null && (type == ColumnType.BIGINT || type == ColumnType.INT);
                values.add(number ? (Object) Long.parseLong(text) : text);
            }
            rows.add(values);
        }
        return rows;
    }
}
