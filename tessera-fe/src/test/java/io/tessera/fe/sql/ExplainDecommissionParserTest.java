package io.tessera.fe.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.TesseraException;
import io.tessera.fe.sql.ast.DecommissionBackendStatement;
import io.tessera.fe.sql.ast.ExplainDecommissionBackendStatement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** EXPLAIN ALTER SYSTEM DECOMMISSION BACKEND: the DECOMMISSION's backend list behind EXPLAIN. */
class ExplainDecommissionParserTest {
    private final SqlParser parser = new SqlParser();

    @Test
    void takesTheDecommissionListAsWritten() {
        assertThat(parser.parse("EXPLAIN ALTER SYSTEM DECOMMISSION BACKEND \"127.0.0.1:9050\";"))
                .isEqualTo(new ExplainDecommissionBackendStatement(List.of("127.0.0.1:9050")));
        assertThat(parser.parse("explain alter system decommission backend '127.0.0.1:9050', \"10002\", ' h : 1 '"))
                .isEqualTo(new ExplainDecommissionBackendStatement(List.of("127.0.0.1:9050", "10002", " h : 1 ")));
    }

    @Test
    void theRealStatementIsUnchanged() {
        assertThat(parser.parse("ALTER SYSTEM DECOMMISSION BACKEND '10002'"))
                .isEqualTo(new DecommissionBackendStatement(List.of("10002")));
    }

    @Test
    void anEmptyListIsASyntaxError() {
        assertThatThrownBy(() -> parser.parse("EXPLAIN ALTER SYSTEM DECOMMISSION BACKEND"))
                .isInstanceOf(TesseraException.class);
        assertThatThrownBy(() -> parser.parse("EXPLAIN ALTER SYSTEM DECOMMISSION BACKENDS '1'"))
                .isInstanceOf(TesseraException.class);
    }
}
