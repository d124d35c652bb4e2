package io.tessera.fe.testing;

import io.tessera.fe.result.Column;
import io.tessera.fe.result.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a result set by column name, as a client would. Stateless. */
public final class ResultRows {
    private ResultRows() {
    }

    /** The column names, in order. */
    public static List<String> names(ResultSet result) {
        return result.columns().stream().map(Column::name).toList();
    }

    /** Every row as a map from column name to cell, in column order (null cells kept). */
    public static List<Map<String, String>> maps(ResultSet result) {
        List<String> names = names(result);
        List<Map<String, String>> maps = new ArrayList<>();
        for (List<String> row : result.rows()) {
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                map.put(names.get(i), row.get(i));
            }
            maps.add(map);
        }
        return maps;
    }

    /** One column's cells, row by row. */
    public static List<String> column(ResultSet result, String name) {
        int index = names(result).indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + name + " in " + names(result));
        }
        return result.rows().stream().map(row -> row.get(index)).toList();
    }
}
