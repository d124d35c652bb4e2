package io.tessera.fe.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.sql.ExpressionArbitraries;
import io.tessera.fe.sql.StatementArbitraries;
import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import io.tessera.testkit.ClientMessages;
import io.tessera.testkit.FuzzSettings;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzes the whole statement path (session, parser, privileges, dispatcher, executors, expression
 * engine, the BE over in-memory gRPC) of an {@link InProcessCluster} with mutated real statements
 * and with generated expressions ({@link ExpressionArbitraries}: SELECT lists, filters, aggregates,
 * ORDER BY, INSERT values), against a database with a table and rows. Property: each statement answers, or fails with a clear error that is not
 * the FE's "Internal error" and shows no Java name, within the session's statement timeout; and
 * the session still answers afterwards. See docs/fuzzing.md.
 */
@AddLifecycleHook(FuzzSettings.class)
class StatementPipelineFuzzTest {
    private static final List<String> CORPUS = StatementArbitraries.corpus();
    private static final String EXPRESSIONS = "fuzz_expressions";
    private static InProcessCluster cluster;
    private static ClusterSession session;

    @BeforeContainer
    static void startCluster() {
        cluster = InProcessCluster.start(1);
        session = cluster.session();
        setUp();
    }

    /**
     * Two databases with the same table: {@code fuzz} for the mutated statements, which may drop it
     * or switch to another database, and {@value #EXPRESSIONS} for the generated expressions, which
     * never name a database.
     */
    private static void setUp() {
        for (String database : List.of(EXPRESSIONS, "fuzz")) {
            session.execute("CREATE DATABASE IF NOT EXISTS " + database);
            session.execute("USE " + database);
            session.execute("CREATE TABLE IF NOT EXISTS t (k INT, v VARCHAR(20), d DATE) DUPLICATE KEY(k) "
                    + "DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES ('replication_num' = '1')");
            session.execute("INSERT INTO t VALUES (1, 'a', '2024-01-01'), (2, NULL, NULL)");
        }
    }

    @AfterContainer
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** A mutated statement may have been BEGIN, and a transaction takes only INSERT, COMMIT and ROLLBACK. */
    private static void endAnyTransaction() {
        session.execute("ROLLBACK");
    }

    @Provide
    Arbitrary<String> statements() {
        return StatementArbitraries.statements(CORPUS);
    }

    @Provide
    Arbitrary<String> expressionStatements() {
        return ExpressionArbitraries.statements();
    }

    @Property(tries = 1500)
    void generatedExpressionsAnswerOrGetAClearError(@ForAll("expressionStatements") String sql) {
        session.execute("USE " + EXPRESSIONS);
        answersOrFailsClearly(sql);
    }

    @Property(tries = 1500)
    void mutatedStatementsAnswerOrGetAClearError(@ForAll("statements") String sql) {
        answersOrFailsClearly(sql);
    }

    private static void answersOrFailsClearly(String sql) {
        try {
            assertThat(session.execute(sql)).isNotNull();
            Statistics.label("outcome").collect("answered");
        } catch (TesseraException e) {
            Statistics.label("outcome").collect(e.code().mysqlCode() + " " + e.code());
            assertThat(e.code().category()).as("error class of %s '%s' for: %s", e.code(), e.clientMessage(), sql)
                    .isNotEqualTo(ErrorCode.Category.INTERNAL);
            assertThat(ClientMessages.internalDetail(e.clientMessage())).as("internal detail in '%s' for: %s",
                    e.clientMessage(), sql).isNull();
        }
        endAnyTransaction();
        assertThat(session.rows("SELECT 1")).containsExactly(List.of("1"));
    }
}
