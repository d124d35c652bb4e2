package io.tessera.fe.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.TesseraException;
import io.tessera.fe.sql.ast.ExplainDroppBackendStatement;
import io.tessera.fe.sql.ast.ExplainSelectStatement;
import io.tessera.fe.sql.ast.SelectStatement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** EXPLAIN ALTER SYSTEM DROPP BACKEND: the DROPP's backend list behind EXPLAIN, nothing else explained. */
class ExplainDroppParserTest {
    private final SqlParser parser = new SqlParser();

    @Test
    void takesTheDroppListAsWritten() {
        assertThat(parser.parse("EXPLAIN ALTER SYSTEM DROPP BACKEND \"127.0.0.1:9050\";"))
                .isEqualTo(new ExplainDroppBackendStatement(List.of("127.0.0.1:9050")));
        assertThat(parser.parse("explain alter system dropp backend '127.0.0.1:9050', \"10002\", ' h : 1 '"))
                .isEqualTo(new ExplainDroppBackendStatement(List.of("127.0.0.1:9050", "10002", " h : 1 ")));
    }

    @Test
    void dropIsNotExplainedAndTheListIsRequired() {
        assertSyntaxError("EXPLAIN ALTER SYSTEM DROP BACKEND '127.0.0.1:9050'");
        assertSyntaxError("EXPLAIN ALTER SYSTEM DROPP BACKEND");
        assertSyntaxError("EXPLAIN");
        assertSyntaxError("EXPLAIN ALTER SYSTEM ADD BACKEND '127.0.0.1:9050'");
    }

    @Test
    void explainOfASelectIsItsPlan() {
        assertThat(parser.parse("EXPLAIN SELECT 1")).isInstanceOf(ExplainSelectStatement.class);
        assertThat(((ExplainSelectStatement) parser.parse("explain select k from t where k = 1")).select().from()
                .table()).isEqualTo("t");
    }

    @Test
    void explainStaysUsableAsAName() {
        assertThat(parser.parse("SELECT explain FROM explain")).isInstanceOf(SelectStatement.class);
    }

    private void assertSyntaxError(String sql) {
        assertThatThrownBy(() -> parser.parse(sql)).isInstanceOf(TesseraException.class);
    }
}
