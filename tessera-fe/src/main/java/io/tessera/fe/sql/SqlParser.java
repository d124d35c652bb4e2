package io.tessera.fe.sql;

import io.tessera.common.FaultReport;
import io.tessera.common.TesseraException;
import io.tessera.fe.sql.ast.Statement;
import io.tessera.fe.sql.parser.TesseraLexer;
import io.tessera.fe.sql.parser.TesseraParser;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door of SQL parsing: one statement text in, one immutable {@link Statement} out, or a
 * {@link TesseraException} for anything that is not a valid statement. Nothing of ANTLR leaks out.
 *
 * <p>Parsing runs in two stages, as Doris does: first the fast SLL prediction mode with an error
 * strategy that gives up at once; only when that fails is the input parsed again in full LL mode
 * with ANTLR's default strategy, which tells a real syntax error from an SLL weakness and produces
 * the good error message.
 *
 * <p>A text parsed before is not parsed again: {@link ParsedStatements} keeps the statements of
 * recent short texts (bounded), since a statement is immutable and depends on its text alone.
 *
 * <p>Threading: thread-safe; every parse builds its own lexer and parser. The shared state is
 * ANTLR's own prediction cache (the DFA), which ANTLR synchronizes, and which {@link #warmUp()}
 * fills ahead of the first client, and the concurrent {@link ParsedStatements}.
 */
public final class SqlParser {
    private static final Logger LOG = LoggerFactory.getLogger(SqlParser.class);

    /** How many times {@link #warmUp()} parses each of {@link #WARM_UP_STATEMENTS}. */
    private static final int WARM_UP_ROUNDS = 3;

    /** One or more of every statement kind, plus what the MySQL and MariaDB drivers send on connect. */
    static final List<String> WARM_UP_STATEMENTS = List.of(
            "ALTER SYSTEM ADD BACKEND \"127.0.0.1:9050\", \"127.0.0.2:9050\" PROPERTIES (\"tag.location\" = \"default\")",
            "ALTER SYSTEM DROP BACKEND \"127.0.0.1:9050\"",
            "ALTER SYSTEM DROPP BACKEND '10002'",
            "EXPLAIN ALTER SYSTEM DROPP BACKEND \"127.0.0.1:9050\", '10002'",
            "EXPLAIN ALTER SYSTEM DECOMMISSION BACKEND \"127.0.0.1:9050\", '10002'",
            "ALTER SYSTEM DECOMMISSION BACKEND \"127.0.0.1:9050\"",
            "ALTER SYSTEM MODIFY BACKEND \"127.0.0.1:9050\" SET (\"tag.location\" = \"group_a\")",
            "CANCEL DECOMMISSION BACKEND \"127.0.0.1:9050\"",
            "SHOW BACKENDS",
            "SHOW PROC '/backends'",
            "SHOW VARIABLES LIKE 'sql_mode'",
            "SHOW GLOBAL VARIABLES WHERE Variable_name in ('system_time_zone','time_zone')",
            "SHOW DATABASES",
            "SHOW FULL TABLES FROM db LIKE 't%'",
            "SHOW WARNINGS",
            "USE internal.db",
            "set autocommit=1, sql_mode=CONCAT(@@sql_mode,',STRICT_TRANS_TABLES'),"
                    + "session_track_system_variables = CONCAT(@@global.session_track_system_variables,',tx_isolation'),"
                    + "NAMES utf8mb4",
            "SET NAMES utf8mb4 COLLATE utf8mb4_general_ci",
            "SET character_set_results = NULL",
            "SET @@session.time_zone = '+00:00', @x := 1, GLOBAL wait_timeout = DEFAULT",
            "select @@version_comment limit 1",
            "SELECT @@time_zone, @@system_time_zone",
            "SELECT DATABASE(), VERSION(), CONNECTION_ID(), CURRENT_USER(), CURRENT_USER, NOW()",
            "SELECT SCHEMA_NAME TABLE_CAT FROM INFORMATION_SCHEMA.SCHEMATA ORDER BY SCHEMA_NAME",
            "SELECT t.*, COUNT(*) AS c FROM db.t AS t WHERE a IS NOT NULL AND b NOT IN (1, 2)"
                    + " OR c BETWEEN -1 AND 2.5 AND d LIKE 'x%' GROUP BY a ORDER BY c DESC LIMIT 10 OFFSET 5",
            "SELECT DISTINCT k1, COUNT(*) AS c, SUM(v), COUNT(DISTINCT v) FROM db.t x"
                    + " WHERE CAST(k2 AS BIGINT) > 1 AND d >= DATE '2024-01-01' AND db.t.k3 = x.k3"
                    + " GROUP BY k1 HAVING COUNT(*) > 1 ORDER BY 2 DESC, c LIMIT 10 OFFSET 5",
            "CREATE DATABASE IF NOT EXISTS example_db PROPERTIES (\"replication_num\" = \"1\")",
            "DROP DATABASE IF EXISTS example_db FORCE",
            "CREATE TABLE IF NOT EXISTS example_db.table_range (`k1` DATE NOT NULL, `k2` INT NULL DEFAULT \"10\","
                    + " `k3` SMALLINT, `v1` VARCHAR(2048) COMMENT 'v', `v2` DATETIME DEFAULT CURRENT_TIMESTAMP,"
                    + " `v3` DECIMAL(10, 2) DEFAULT \"0\") ENGINE=olap DUPLICATE KEY(`k1`, `k2`, `k3`) COMMENT 'range'"
                    + " PARTITION BY RANGE (`k1`) (PARTITION `p1` VALUES LESS THAN (\"2014-01-01\"),"
                    + " PARTITION `p2` VALUES [(\"2014-01-01\"), (\"2014-06-01\")),"
                    + " PARTITION `p3` VALUES LESS THAN (MAXVALUE) (\"replication_num\" = \"1\"))"
                    + " DISTRIBUTED BY HASH(`k2`) BUCKETS 32 PROPERTIES (\"replication_num\" = \"1\")",
            "CREATE TABLE example_db.table_list (k1 INT NOT NULL, k2 VARCHAR(20) NOT NULL, v STRING)"
                    + " PARTITION BY LIST (k1, k2) (PARTITION p1 VALUES IN ((\"1\", \"beijing\"), (\"1\", \"shanghai\")),"
                    + " PARTITION p2 VALUES IN ((\"2\", \"beijing\")))"
                    + " DISTRIBUTED BY RANDOM BUCKETS AUTO",
            "DROP TABLE IF EXISTS example_db.table_range FORCE",
            "ALTER TABLE example_db.table_range ADD PARTITION p4 VALUES LESS THAN (\"2015-01-01\")"
                    + " (\"replication_num\" = \"1\") DISTRIBUTED BY HASH(k2) BUCKETS 4",
            "ALTER TABLE example_db.table_range DROP PARTITION IF EXISTS p4 FORCE",
            "INSERT INTO t VALUES (1, 'a', -2.5, NULL), (2, \"b\", 3e2, DEFAULT)",
            "INSERT INTO db.t PARTITION (p1) WITH LABEL label_1 (k1, v1) SELECT k1, v1 FROM db.s WHERE k1 > 0",
            "DESC db.t ALL",
            "SHOW CREATE TABLE db.t",
            "SHOW PARTITIONS FROM db.t",
            "SHOW TABLETS FROM db.t PARTITION (p1, p2)",
            "SHOW DATA FROM db.t",
            "ADMIN SHOW REPLICA STATUS FROM db.t WHERE STATUS != 'OK'",
            "ADMIN SHOW REPLICA DISTRIBUTION FROM db.t",
            "SHOW PROC '/cluster_health/tablet_health'",
            "/* mysql-connector-j-9.5.0 (Revision: a7b3c94f50efbddb9f0dd69b3e0d1aaa25305cd6) */SELECT "
                    + " @@session.auto_increment_increment AS auto_increment_increment,"
                    + " @@character_set_client AS character_set_client,"
                    + " @@character_set_connection AS character_set_connection,"
                    + " @@character_set_results AS character_set_results,"
                    + " @@character_set_server AS character_set_server, @@collation_server AS collation_server,"
                    + " @@collation_connection AS collation_connection, @@init_connect AS init_connect,"
                    + " @@interactive_timeout AS interactive_timeout, @@license AS license,"
                    + " @@lower_case_table_names AS lower_case_table_names,"
                    + " @@max_allowed_packet AS max_allowed_packet, @@net_write_timeout AS net_write_timeout,"
                    + " @@performance_schema AS performance_schema, @@query_cache_size AS query_cache_size,"
                    + " @@query_cache_type AS query_cache_type, @@sql_mode AS sql_mode,"
                    + " @@system_time_zone AS system_time_zone, @@time_zone AS time_zone,"
                    + " @@tx_isolation AS transaction_isolation, @@wait_timeout AS wait_timeout");

    /** How many distinct statement texts {@link ParsedStatements} keeps, and the longest it keeps. */
    static final int CACHED_STATEMENTS = 1024;
    static final int CACHED_STATEMENT_MAX_CHARS = 2048;

    private final AstBuilder builder = new AstBuilder();
    private final ParsedStatements parsed = new ParsedStatements(CACHED_STATEMENTS, CACHED_STATEMENT_MAX_CHARS);

    /**
     * Parses exactly one statement, optionally followed by {@code ;}.
     *
     * @throws TesseraException for an empty statement, a syntax error (detail message
     *         {@code "\n<what went wrong>(line L, pos P)"}) or a statement too deeply nested to parse
     */
    public Statement parse(String sql) {
        if (sql == null) {
            throw new TesseraException("Empty statement");
        }
        Optional<Statement> cached = parsed.get(sql);
        if (cached.isPresent()) {
            return cached.get();
        }
        Statement statement = parseText(sql);
        parsed.put(sql, statement);
        return statement;
    }

    /** Parses with ANTLR, never from {@link ParsedStatements}. */
    private Statement parseText(String sql) {
        try {
            TesseraParser.SingleStatementContext tree = parseTree(sql);
            if (ParseTreeDepth.exceeds(tree, ParseTreeDepth.MAX_DEPTH)) {
                throw tooDeep();
            }
            return builder.build(tree);
        } catch (TesseraException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw tooDeep();
        } catch (RuntimeException e) {
            // A bug of ours, not of the statement: the client learns only that, the log gets the cause.
            throw FaultReport.FRONTEND.exception("parsing the statement", e);
        }
    }

    private static TesseraException tooDeep() {
        return new TesseraException("\nThe statement is too deeply nested to parse");
    }

    /**
     * Parses a fixed set of representative statements a few times, so that ANTLR's prediction
     * cache is warm before the first client connects (with ANTLR itself every time: the point is
     * its prediction cache and its compiled code, and the statements are not kept). Never throws.
     */
    public void warmUp() {
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            for (String sql : WARM_UP_STATEMENTS) {
                try {
                    parseText(sql);
                } catch (RuntimeException e) {
                    LOG.warn("Warm-up statement failed to parse: {}", sql, e);
                }
            }
        }
    }

    private static TesseraParser.SingleStatementContext parseTree(String sql) {
        TesseraLexer lexer = new TesseraLexer(CharStreams.fromString(sql));
        lexer.removeErrorListeners();
        lexer.addErrorListener(SyntaxErrorListener.INSTANCE);
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        rejectEmpty(tokens);

        TesseraParser parser = new TesseraParser(tokens);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            return parser.singleStatement();
        } catch (ParseCancellationException sllFailed) {
            parser.reset();
            parser.addErrorListener(SyntaxErrorListener.INSTANCE);
            parser.setErrorHandler(new DefaultErrorStrategy());
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            return parser.singleStatement();
        }
    }

    /** Nothing but whitespace, comments and at most one {@code ;} is not a statement. */
    private static void rejectEmpty(CommonTokenStream tokens) {
        int first = tokens.LT(1).getType();
        if (first == Token.EOF || (first == TesseraLexer.SEMICOLON && tokens.LT(2).getType() == Token.EOF)) {
            throw new TesseraException("Empty statement");
        }
    }
}
