package io.tessera.fe.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.sql.ast.KillStatement;
import io.tessera.fe.sql.ast.ShowProcesslistStatement;
import io.tessera.fe.sql.ast.UseStatement;
import org.junit.jupiter.api.Test;

/** SHOW [FULL] PROCESSLIST and KILL [CONNECTION | QUERY] in Doris's grammar. */
class ProcesslistParserTest {
    private final SqlParser parser = new SqlParser();

    @Test
    void showProcesslistWithAndWithoutFull() {
        assertThat(parser.parse("SHOW PROCESSLIST")).isEqualTo(new ShowProcesslistStatement(false));
        assertThat(parser.parse("show full processlist;")).isEqualTo(new ShowProcesslistStatement(true));
    }

    @Test
    void killAConnectionItsQueryOrAQueryById() {
        assertThat(parser.parse("KILL 7")).isEqualTo(KillStatement.connection(7, false));
        assertThat(parser.parse("kill connection 7;")).isEqualTo(KillStatement.connection(7, false));
        assertThat(parser.parse("KILL QUERY 0")).isEqualTo(KillStatement.connection(0, true));
        assertThat(parser.parse("KILL QUERY 'c84e397193a54fe7-bbe9bc219318b75e'"))
                .isEqualTo(KillStatement.query("c84e397193a54fe7-bbe9bc219318b75e"));
        assertThatThrownBy(() -> parser.parse("KILL")).isInstanceOf(TesseraException.class);
        assertThatThrownBy(() -> parser.parse("KILL CONNECTION 'x'")).isInstanceOf(TesseraException.class);
        assertThatThrownBy(() -> parser.parse("KILL 99999999999999999999"))
                .isInstanceOfSatisfying(TesseraException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NO_SUCH_THREAD);
                    assertThat(e.getMessage()).isEqualTo("Unknown thread id: 99999999999999999999");
                });
    }

    @Test
    void theNewKeywordsStayUsableAsNames() {
        for (String name : new String[] {"kill", "query", "connection", "processlist"}) {
            assertThat(parser.parse("USE " + name)).isEqualTo(new UseStatement(null, name));
        }
    }
}
