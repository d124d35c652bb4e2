package io.tessera.it;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Loads whose rows say which load wrote them, so a table shows each load whole, absent or broken:
 * load {@code id} of {@code rows} rows is {@code (load_id, seq, v)} = {@code (id, i, id * 1000 + i)}
 * for i in 0..rows-1 (rows at most 1,000, so each load's sum of v is its own).
 */
final class NumberedLoads {
    private NumberedLoads() {
    }

    /** {@code INSERT INTO table WITH LABEL <label> (load_id, seq, v) VALUES ...} for load {@code id}. */
    static String insert(String table, String label, int id, int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO " + table + " WITH LABEL " + label
                + " (load_id, seq, v) VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append('(').append(id).append(", ").append(i).append(", ").append(v(id, i))
                    .append(')');
        }
        return sql.toString();
    }

    /** The same rows as CSV lines {@code load_id,seq,v}. */
    static String csv(int id, int rows) {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            csv.append(id).append(',').append(i).append(',').append(v(id, i)).append('\n');
        }
        return csv.toString();
    }

    /** The sum of v over load {@code id}'s rows. */
    static long sum(int id, int rows) {
        long sum = 0;
        for (int i = 0; i < rows; i++) {
            sum += v(id, i);
        }
        return sum;
    }

    /** The query whose rows {@link #shown} reads. */
    static String shownQuery(String table) {
        return "SELECT load_id, count(*) AS n, sum(v) AS s FROM " + table + " GROUP BY load_id";
    }

    /** Load id to [row count, sum of v], from the rows of {@link #shownQuery}. */
    static Map<Integer, List<Long>> shown(List<Map<String, String>> rows) {
        Map<Integer, List<Long>> shown = new TreeMap<>();
        for (Map<String, String> row : rows) {
            shown.put(Integer.parseInt(row.get("load_id")), List.of(Long.parseLong(row.get("n")),
                    Long.parseLong(row.get("s"))));
        }
        return shown;
    }

    private static long v(int id, int seq) {
        return id * 1000L + seq;
    }
}
