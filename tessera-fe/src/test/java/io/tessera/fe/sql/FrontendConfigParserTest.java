package io.tessera.fe.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.TesseraException;
import io.tessera.fe.sql.ast.SetFrontendConfigStatement;
import io.tessera.fe.sql.ast.ShowFrontendConfigStatement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ADMIN SHOW FRONTEND CONFIG and ADMIN SET FRONTEND CONFIG in Doris's grammar. */
class FrontendConfigParserTest {
    private final SqlParser parser = new SqlParser();

    @Test
    void showWithAndWithoutAdminAndLike() {
        assertThat(parser.parse("ADMIN SHOW FRONTEND CONFIG")).isEqualTo(new ShowFrontendConfigStatement(null));
        assertThat(parser.parse("show frontend config like '%balance%';"))
                .isEqualTo(new ShowFrontendConfigStatement("%balance%"));
    }

    @Test
    void setTakesThePairsAsWrittenAndTheAllForms() {
        assertThat(parser.parse("ADMIN SET FRONTEND CONFIG (\"disable_balance\" = \"true\")"))
                .isEqualTo(new SetFrontendConfigStatement(Map.of("disable_balance", "true"), false));
        assertThat(parser.parse("admin set frontend config ('a' = '1', 'b' = '2') ALL"))
                .isEqualTo(new SetFrontendConfigStatement(Map.of("a", "1", "b", "2"), true));
        assertThat(parser.parse("ADMIN SET ALL FRONTENDS CONFIG ('a' = '1')"))
                .isEqualTo(new SetFrontendConfigStatement(Map.of("a", "1"), true));
    }

    @Test
    void setNeedsAdminAndParentheses() {
        assertThatThrownBy(() -> parser.parse("SET FRONTEND CONFIG ('a' = '1')")).isInstanceOf(TesseraException.class);
        assertThatThrownBy(() -> parser.parse("ADMIN SET FRONTEND CONFIG 'a' = '1'"))
                .isInstanceOf(TesseraException.class);
    }
}
