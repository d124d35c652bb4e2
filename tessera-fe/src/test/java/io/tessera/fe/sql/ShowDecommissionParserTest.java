package io.tessera.fe.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.TesseraException;
import io.tessera.fe.sql.ast.ShowDecommissionStatement;
import io.tessera.fe.sql.ast.UseStatement;
import org.junit.jupiter.api.Test;

/** SHOW DECOMMISSION [ALL]: Tessera's own statement (no Doris counterpart). */
class ShowDecommissionParserTest {
    private final SqlParser parser = new SqlParser();

    @Test
    void runningJobsOrAllOfThem() {
        assertThat(parser.parse("SHOW DECOMMISSION")).isEqualTo(new ShowDecommissionStatement(false));
        assertThat(parser.parse("show decommission all;")).isEqualTo(new ShowDecommissionStatement(true));
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
