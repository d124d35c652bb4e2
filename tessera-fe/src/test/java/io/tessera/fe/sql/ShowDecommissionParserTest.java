package io.tessera.fe.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.TesseraException;
import io.tessera.fe.sql.ast.ShowDecommissionBlockersStatement;
import io.tessera.fe.sql.ast.ShowDecommissionStatement;
import io.tessera.fe.sql.ast.UseStatement;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** SHOW DECOMMISSION [ALL] and SHOW DECOMMISSION BLOCKERS [FOR id]: Tessera's own statements (no Doris counterpart). */
class ShowDecommissionParserTest {
    private final SqlParser parser = new SqlParser();

    @Test
    void runningJobsOrAllOfThem() {
        assertThat(parser.parse("SHOW DECOMMISSION")).isEqualTo(new ShowDecommissionStatement(false));
        assertThat(parser.parse("show decommission all;")).isEqualTo(new ShowDecommissionStatement(true));
    }

    @Test
    void blockersOfEveryRunningJobOrOne() {
        assertThat(parser.parse("SHOW DECOMMISSION BLOCKERS"))
                .isEqualTo(new ShowDecommissionBlockersStatement(OptionalLong.empty()));
        assertThat(parser.parse("show decommission blockers for 10023;"))
                .isEqualTo(new ShowDecommissionBlockersStatement(OptionalLong.of(10023)));
        assertThatThrownBy(() -> parser.parse("SHOW DECOMMISSION BLOCKERS FOR")).isInstanceOf(TesseraException.class);
        assertThatThrownBy(() -> parser.parse("SHOW DECOMMISSION BLOCKERS FOR 'x'"))
                .isInstanceOf(TesseraException.class);
        assertThatThrownBy(() -> parser.parse("SHOW DECOMMISSION BLOCKERS FOR 99999999999999999999"))
                .isInstanceOf(TesseraException.class).hasMessage("Unknown decommission job 99999999999999999999");
    }

    @Test
    void blockersAndForStayUsableAsNames() {
        assertThat(parser.parse("USE blockers")).isEqualTo(new UseStatement(null, "blockers"));
        assertThat(parser.parse("USE `for`")).isEqualTo(new UseStatement(null, "for"));
    }

    @Test
    void anythingElseAfterItIsASyntaxError() {
        assertThatThrownBy(() -> parser.parse("SHOW DECOMMISSION JOBS")).isInstanceOf(TesseraException.class);
        assertThatThrownBy(() -> parser.parse("SHOW DECOMMISSION ALL ALL")).isInstanceOf(TesseraException.class);
    }

    @Test
    void decommissionStaysUsableAsAName() {
        assertThat(parser.parse("USE decommission")).isEqualTo(new UseStatement(null, "decommission"));
    }
}
