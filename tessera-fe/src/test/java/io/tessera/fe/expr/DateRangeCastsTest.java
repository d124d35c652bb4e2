package io.tessera.fe.expr;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.ManualClock;
import io.tessera.fe.auth.UserIdentity;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.session.SystemVariables;
import io.tessera.fe.sql.SqlParser;
import io.tessera.fe.sql.ast.SelectStatement;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** CAST to DATE / DATETIME gives NULL outside 0000-01-01 .. 9999-12-31, as for any invalid date. */
class DateRangeCastsTest {
    private final SqlParser parser = new SqlParser();
    private final ExpressionEvaluator evaluator = new ExpressionEvaluator(new SessionContext(1,
            new UserIdentity("root", "127.0.0.1"), new SystemVariables(ZoneOffset.UTC), null),
            new ManualClock(1_700_000_000_000L));

    private Object eval(String expression) {
        SelectStatement select = (SelectStatement) parser.parse("SELECT " + expression);
        return evaluator.evaluate(select.items().get(0).expression(), RowContext.NONE);
    }

    @Test
    void outOfRangeDatesCastToNull() {
        assertThat(eval("CAST('10000-01-01' AS DATE)")).isNull();
        assertThat(eval("CAST('+10000-01-01 00:00:00' AS DATETIME)")).isNull();
        assertThat(eval("CAST('-0001-01-01' AS DATE)")).isNull();
        assertThat(eval("CAST('9999-12-31' AS DATE)")).isNotNull();
        assertThat(eval("CAST('0000-01-01 00:00:00' AS DATETIME)")).isNotNull();
    }
}
