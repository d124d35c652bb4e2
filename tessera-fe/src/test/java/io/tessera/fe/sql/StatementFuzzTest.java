package io.tessera.fe.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.testkit.ClientMessages;
import io.tessera.testkit.FuzzSettings;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Fuzzes the SQL parser with mutated real statements ({@link StatementArbitraries}). Property: a
 * statement parses, or fails with a clear, expected error (never the FE's "Internal error", never a
 * Java name), and nothing else escapes. See docs/fuzzing.md.
 */
@AddLifecycleHook(FuzzSettings.class)
class StatementFuzzTest {
    private static final List<String> CORPUS = StatementArbitraries.corpus();
    private final SqlParser parser = new SqlParser();

    @Provide
    Arbitrary<String> statements() {
        return StatementArbitraries.statements(CORPUS);
    }

    @Property(tries = 5000)
    void mutatedStatementsParseOrGetAClearError(@ForAll("statements") String sql) {
        try {
            assertThat(parser.parse(sql)).isNotNull();
        } catch (TesseraException e) {
            assertThat(e.code().category()).as("error class of %s for: %s", e.code(), sql)
                    .isNotEqualTo(ErrorCode.Category.INTERNAL);
            assertThat(ClientMessages.internalDetail(e.clientMessage())).as("internal detail in '%s' for: %s",
                    e.clientMessage(), sql).isNull();
        }
    }
}
