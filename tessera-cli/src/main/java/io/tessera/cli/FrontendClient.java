package io.tessera.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A MySQL-protocol client of an FE, as the launcher and tests use it: run a statement, read SHOW
 * BACKENDS rows by column name. One connection; not thread-safe.
 */
public final class FrontendClient implements AutoCloseable {
    private final Connection connection;

    public FrontendClient(String host, int port) throws SQLException {
        this.connection = DriverManager.getConnection(MysqlProbe.jdbcUrl(host, port));
    }

    public void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Every row of a query, each a map from column label to cell (null for SQL NULL). */
    public List<Map<String, String>> rows(String sql) throws SQLException {
        // execute(), not executeQuery(): Connector/J refuses executeQuery for statements it does not
        // recognise as queries (ADMIN SHOW ...), although the server answers them with rows.
        try (Statement statement = connection.createStatement()) {
            if (!statement.execute(sql)) {
                throw new SQLException("not a query: " + sql);
            }
            return read(statement.getResultSet());
        }
    }

    private static List<Map<String, String>> read(ResultSet rs) throws SQLException {
        try (rs) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, String>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    public List<Map<String, String>> showBackends() throws SQLException {
        return rows("SHOW BACKENDS");
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
