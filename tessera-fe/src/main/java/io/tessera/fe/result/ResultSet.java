package io.tessera.fe.result;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A text result set: columns and rows of string cells, where a {@code null} cell is SQL NULL.
 * Immutable; every row has exactly one cell per column.
 *
 * @param warnings what the statement warns about: their count goes with the end of the rows and
 *                 SHOW WARNINGS lists them (most statements have none)
 */
public record ResultSet(List<Column> columns, List<List<String>> rows, List<String> warnings) implements QueryResult {
    public ResultSet {
        warnings = List.copyOf(warnings);
        columns = List.copyOf(columns);
        List<List<String>> copied = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalStateException(
                        "row has " + row.size() + " cells for " + columns.size() + " columns: " + row);
            }
            // List.copyOf rejects nulls, and null cells are meaningful here.
            copied.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copied);
    }

    public static ResultSet of(List<Column> columns, List<List<String>> rows) {
        return new ResultSet(Objects.requireNonNull(columns), Objects.requireNonNull(rows), List.of());
    }

    /** The same columns and rows with {@code warnings} in place of any it had. */
    public ResultSet withWarnings(List<String> warnings) {
        return new ResultSet(columns, rows, warnings);
    }
}
