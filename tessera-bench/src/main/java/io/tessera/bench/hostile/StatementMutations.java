package io.tessera.bench.hostile;

import io.tessera.cli.ClusterLayout;
import io.tessera.cli.MysqlProbe;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Mutated statements over one connection: real statements (on a scratch database and a backend
 * that does not exist, so no mutation can harm the data under test) with characters dropped,
 * repeated, replaced by random bytes, tokens swapped, huge literals and deep nesting spliced in.
 * Held when the FE answers every one with rows, OK or an error that names no Java internals, and
 * never drops the connection.
 *
 * <p>Threading: the benchmark's thread.
 */
final class StatementMutations {
    private static final List<String> SEEDS = List.of(
            "SELECT k, v FROM scratch.m WHERE k > 10 AND v LIKE 'a%' ORDER BY k LIMIT 5",
            "SELECT count(*), sum(k) FROM scratch.m WHERE k BETWEEN 1 AND 100",
            "INSERT INTO scratch.m VALUES (1, 'one'), (2, 'two')",
            "CREATE TABLE IF NOT EXISTS scratch.m2 (k INT, v VARCHAR(10)) DUPLICATE KEY(k) "
                    + "DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (\"replication_num\" = \"1\")",
            "SHOW BACKENDS", "SHOW PROC '/backends'", "SHOW TABLETS FROM scratch.m",
            "SHOW PROCESSLIST", "SHOW VARIABLES LIKE 'query%'", "SHOW FULL COLUMNS FROM scratch.m",
            "SELECT * FROM information_schema.tables WHERE table_schema = 'scratch'",
            "EXPLAIN ALTER SYSTEM DECOMMISSION BACKEND \"127.1.62.200:9050\"",
            "ALTER SYSTEM MODIFY BACKEND \"127.1.62.200:9050\" SET (\"disable_query\" = \"true\")",
            "SET query_timeout = 30", "SET time_zone = '+08:00'",
            "SELECT CASE WHEN 1 = 1 THEN 'a' ELSE 'b' END, CAST('2024-01-01' AS DATE), 1 + 2 * 3",
            "ADMIN SHOW FRONTEND CONFIG LIKE '%heartbeat%'", "SHOW DECOMMISSION ALL", "SHOW PROPERTY",
            "SELECT k FROM scratch.m WHERE k IN (1, 2, 3) UNION SELECT 4");
    private static final String RANDOM_CHARS = "'\"`\\()[]{},;.=<>!%*+-/@#$^&|~?:\u0000\u00e9\u4e2d\ud83d\ude00";

    private final Target target;
    private final int statements;
    private final long seed;

    StatementMutations(Target target, int statements, long seed) {
        this.target = target;
        this.statements = statements;
        this.seed = seed;
    }

    AttackResult run() throws SQLException {
        Random random = new Random(seed);
        int answered = 0;
        int errors = 0;
        int dropped = 0;
        List<String> leaks = new ArrayList<>();
        Connection connection = connect();
        try {
            try (Statement setup = connection.createStatement()) {
                setup.execute("CREATE DATABASE IF NOT EXISTS scratch");
                setup.execute("CREATE TABLE IF NOT EXISTS scratch.m (k INT, v VARCHAR(20)) DUPLICATE KEY(k) "
                        + "DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (\"replication_num\" = \"1\")");
            }
            for (int i = 0; i < statements; i++) {
                String sql = mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
                try (Statement statement = connection.createStatement()) {
                    statement.setQueryTimeout(30);
                    statement.execute(sql);
                    answered++;
                } catch (SQLException e) {
                    if (connection.isClosed() || e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                        dropped++;
                        connection.close();
                        connection = connect();
                    } else {
                        errors++;
                        if (Internals.leaks(e.getMessage()) && leaks.size() < 3) {
                            leaks.add(e.getMessage().length() > 120 ? e.getMessage().substring(0, 120) : e.getMessage());
                        }
                    }
                }
            }
            try (Statement check = connection.createStatement()) {
                check.execute("SELECT 1");
            }
        } finally {
            connection.close();
        }
        return new AttackResult(String.format(Locale.ROOT, "%,d mutated statements (seed %d)", statements, seed),
                "held up against 5,500 mutated statements",
                String.format(Locale.ROOT, "%,d answered, %,d clear errors, ", answered, errors) + leaks.size()
                        + " naming internals"
                        + (leaks.isEmpty() ? "" : " " + leaks) + ", " + dropped + " connections dropped",
                leaks.isEmpty() && dropped == 0);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(MysqlProbe.jdbcUrl(target.frontendHost(), ClusterLayout.QUERY_PORT));
    }

    /** One to three edits of the statement. */
    static String mutate(String sql, Random random) {
        StringBuilder text = new StringBuilder(sql);
        int edits = 1 + random.nextInt(3);
        for (int edit = 0; edit < edits; edit++) {
            int at = random.nextInt(text.length() + 1);
            switch (random.nextInt(7)) {
                case 0 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(8)));
                case 1 -> text.insert(at, RANDOM_CHARS.charAt(random.nextInt(RANDOM_CHARS.length())));
                case 2 -> {
                    int end = Math.min(text.length(), at + 1 + random.nextInt(12));
                    text.insert(at, text.substring(at, end));
                }
                case 3 -> text.insert(at, " 9".repeat(1) + "9".repeat(random.nextInt(400)) + " ");
                case 4 -> text.insert(at, "(".repeat(random.nextInt(3000)));
                case 5 -> text.insert(at, " " + SEEDS.get(random.nextInt(SEEDS.size())).split(" ")[0] + " ");
                default -> {
                    String[] words = text.toString().split(" ");
                    if (words.length > 1) {
                        int a = random.nextInt(words.length);
                        int b = random.nextInt(words.length);
                        String swap = words[a];
                        words[a] = words[b];
                        words[b] = swap;
                        text.setLength(0);
                        text.append(String.join(" ", words));
                    }
                }
            }
        }
        return text.toString();
    }
}
