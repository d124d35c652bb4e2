package io.tessera.fe.mysql;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.result.Column;
import io.tessera.fe.result.ColumnType;
import io.tessera.fe.result.OkResult;
import io.tessera.fe.result.QueryResult;
import io.tessera.fe.result.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens {@link FakeSession}s that answer a few hard-coded statements, and records what the
 * protocol layer did with them: connections opened, statements received, sessions closed, and
 * any call made while an earlier future was still pending.
 */
final class FakeSessionFactory implements SessionFactory {
    final List<ConnectionInfo> opened = new CopyOnWriteArrayList<>();
    final List<String> statements = new CopyOnWriteArrayList<>();
    final List<String> violations = new CopyOnWriteArrayList<>();
    final AtomicInteger closes = new AtomicInteger();
    /** What every session answers for wait_timeout, interactive_timeout and net_write_timeout. */
    volatile long waitTimeoutSeconds = 28_800;
    volatile long interactiveTimeoutSeconds = 3_600;
    volatile long writeTimeoutSeconds = 600;

    @Override
    public SessionHandler open(ConnectionInfo connection) {
        if ("missing".equals(connection.database())) {
            throw new TesseraException(ErrorCode.BAD_DATABASE, "Unknown database 'missing'");
        }
        opened.add(connection);
        return new FakeSession();
    }

    /**
     * The variables MySQL Connector/J 9.5 asks for in its connect query when the server says it
     * is 5.7.99, each as {@code @@name AS alias}; it reads the answer by alias.
     */
    static final List<String> CONNECTOR_J_VARIABLES = List.of(
            "auto_increment_increment", "character_set_client", "character_set_connection",
            "character_set_results", "character_set_server", "collation_server", "collation_connection",
            "init_connect", "interactive_timeout", "license", "lower_case_table_names", "max_allowed_packet",
            "net_write_timeout", "performance_schema", "query_cache_size", "query_cache_type", "sql_mode",
            "system_time_zone", "time_zone", "transaction_isolation", "wait_timeout");

    private final class FakeSession implements SessionHandler {
        private CompletableFuture<?> last = CompletableFuture.completedFuture(null);
        private boolean closed;

        @Override
        public CompletableFuture<QueryResult> handleQuery(String sql) {
            check("query " + sql);
            statements.add(sql);
            CompletableFuture<QueryResult> result = answer(sql);
            last = result;
            return result;
        }

        @Override
        public CompletableFuture<QueryResult> handleInitDb(String database) {
            check("init db " + database);
            statements.add("USE " + database);
            if (database.equals("nodb")) {
                return CompletableFuture.failedFuture(
                        new TesseraException(ErrorCode.BAD_DATABASE, "Unknown database 'nodb'"));
            }
            return CompletableFuture.completedFuture(OkResult.EMPTY);
        }

        @Override
        public CompletableFuture<List<Column>> handleFieldList(String table) {
            check("field list " + table);
            if (!table.equals("t")) {
                return CompletableFuture.failedFuture(
                        new TesseraException(ErrorCode.UNKNOWN_TABLE, "Unknown table 'x'"));
            }
            return CompletableFuture.completedFuture(List.of(
                    new Column("id", ColumnType.BIGINT).inTable("db", "t"),
                    Column.varchar("name", 32).inTable("db", "t")));
        }

        @Override
        public boolean inTransaction() {
            return false;
        }

        @Override
        public boolean autocommit() {
            return true;
        }

        @Override
        public long idleTimeoutSeconds(boolean interactive) {
            return interactive ? interactiveTimeoutSeconds : waitTimeoutSeconds;
        }

        @Override
        public long writeTimeoutSeconds() {
            return writeTimeoutSeconds;
        }

        @Override
        public void close() {
            if (closed) {
                violations.add("closed twice");
            }
            closed = true;
            closes.incrementAndGet();
        }

        private void check(String call) {
            if (closed) {
                violations.add(call + " after close");
            }
            if (!last.isDone()) {
                violations.add(call + " while the previous future was pending");
            }
        }
    }

    private static CompletableFuture<QueryResult> answer(String sql) {
        String lower = sql.trim().toLowerCase(Locale.ROOT);
        if (lower.equals("select 1")) {
            return done(ResultSet.of(List.of(new Column("1", ColumnType.BIGINT)), List.of(List.of("1"))));
        }
        if (lower.equals("select null_cell")) {
            return done(ResultSet.of(List.of(Column.varchar("null_cell", 10)),
                    List.of(List.of("a"), Collections.singletonList(null))));
        }
        if (lower.equals("select warned")) {
            return done(ResultSet.of(List.of(Column.varchar("warned", 10)), List.of(List.of("a")))
                    .withWarnings(List.of("first", "second")));
        }
        if (lower.equals("show warnings")) {
            return done(ResultSet.of(List.of(Column.varchar("Level", 7), new Column("Code", ColumnType.INT),
                    Column.varchar("Message", 512)), List.of(List.of("Warning", "1105", "first"),
                    List.of("Warning", "1105", "second"))));
        }
        if (lower.equals("fail")) {
            return CompletableFuture.failedFuture(new TesseraException("fail on purpose"));
        }
        if (lower.equals("boom")) {
            return CompletableFuture.supplyAsync(() -> {
                throw new IllegalArgumentException("boom on purpose");
            });
        }
        if (lower.equals("throw")) {
            throw new IllegalStateException("thrown on purpose");
        }
        if (lower.equals("slow")) {
            return CompletableFuture.supplyAsync(() -> varcharResult("slow", "done"),
                    CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
        }
        if (lower.startsWith("badint ")) {
            // badint <count>: BIGINT rows of which the last is no number, which the binary protocol cannot encode
            int count = Integer.parseInt(lower.substring(7));
            List<List<String>> rows = new ArrayList<>(Collections.nCopies(count - 1, List.of("7")));
            rows.add(List.of("x"));
            return done(ResultSet.of(List.of(new Column("n", ColumnType.BIGINT)), rows));
        }
        if (lower.startsWith("rows ")) {
            // rows <count> <width>: that many rows of one cell of that many characters (one String, so the heap stays small)
            String[] words = lower.split(" ");
            char[] cell = new char[Integer.parseInt(words[2])];
            Arrays.fill(cell, 'r');
            List<String> row = List.of(new String(cell));
            return done(ResultSet.of(List.of(Column.varchar("r", cell.length)),
                    Collections.nCopies(Integer.parseInt(words[1]), row)));
        }
        if (lower.startsWith("big ")) {
            char[] cell = new char[Integer.parseInt(lower.substring(4))];
            Arrays.fill(cell, 'x');
            return done(varcharResult("big", new String(cell)));
        }
        if (lower.startsWith("length ")) {
            return done(ResultSet.of(List.of(new Column("length", ColumnType.BIGINT)),
                    List.of(List.of(String.valueOf(sql.length())))));
        }
        if (lower.equals("insert")) {
            return done(new OkResult(3, "Records: 3", 1));
        }
        if (lower.equals("select database()")) {
            return done(ResultSet.of(List.of(Column.varchar("DATABASE()", 64)),
                    List.of(Collections.singletonList(null))));
        }
        if (lower.equals("select @@version_comment limit 1")) {
            return done(varcharResult("@@version_comment", "Tessera version test"));
        }
        if (lower.startsWith("/* mysql-connector-j")) {
            return done(connectorJVariables(sql));
        }
        if (lower.startsWith("set ")) {
            return done(OkResult.EMPTY);
        }
        if (lower.startsWith("show ")) {
            return done(ResultSet.of(List.of(Column.varchar("Variable_name", 64), Column.varchar("Value", 64)),
                    List.of()));
        }
        return CompletableFuture.failedFuture(new TesseraException("unknown statement: " + sql));
    }

    /** Answers the connect query with one column per {@code AS alias} it names, in order. */
    private static ResultSet connectorJVariables(String sql) {
        List<Column> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        Matcher alias = Pattern.compile("(?i)\\bAS\\s+(\\w+)").matcher(sql);
        while (alias.find()) {
            String name = alias.group(1);
            if (!CONNECTOR_J_VARIABLES.contains(name)) {
                throw new IllegalStateException("connect query asks for unexpected " + name + ": " + sql);
            }
            boolean numeric = name.endsWith("_increment") || name.endsWith("_timeout")
                    || name.equals("max_allowed_packet") || name.equals("lower_case_table_names")
                    || name.equals("query_cache_size");
            columns.add(numeric ? new Column(name, ColumnType.BIGINT) : Column.varchar(name, 64));
            values.add(connectorJValue(name));
        }
        return ResultSet.of(columns, List.of(values));
    }

    private static String connectorJValue(String name) {
        switch (name) {
            case "auto_increment_increment":
                return "1";
            case "character_set_client":
            case "character_set_connection":
            case "character_set_results":
            case "character_set_server":
                return "utf8mb4";
            case "collation_server":
            case "collation_connection":
                return "utf8mb4_0900_bin";
            case "init_connect":
                return "";
            case "interactive_timeout":
            case "wait_timeout":
                return "28800";
            case "license":
                return "Apache License, Version 2.0";
            case "lower_case_table_names":
            case "query_cache_size":
                return "0";
            case "performance_schema":
            case "query_cache_type":
                return "OFF";
            case "max_allowed_packet":
                return "16777216";
            case "net_write_timeout":
                return "600";
            case "sql_mode":
                return "ONLY_FULL_GROUP_BY";
            case "system_time_zone":
            case "time_zone":
                return "UTC";
            case "transaction_isolation":
                return "REPEATABLE-READ";
            default:
                return null;
        }
    }

    static ResultSet varcharResult(String column, String value) {
        return ResultSet.of(List.of(Column.varchar(column, 255)), List.of(List.of(value)));
    }

    private static CompletableFuture<QueryResult> done(QueryResult result) {
        return CompletableFuture.completedFuture(result);
    }
}
