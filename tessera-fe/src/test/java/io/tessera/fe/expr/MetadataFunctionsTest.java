package io.tessera.fe.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.ManualClock;
import io.tessera.common.TesseraException;
import io.tessera.fe.auth.UserIdentity;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.session.SystemVariables;
import io.tessera.fe.sql.SqlParser;
import io.tessera.fe.sql.ast.SelectStatement;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** CASE, CONVERT and the string functions drivers' metadata queries use, with MySQL's rules. */
class MetadataFunctionsTest {
    private final SqlParser parser = new SqlParser();
    private final ExpressionEvaluator evaluator = new ExpressionEvaluator(new SessionContext(1,
            new UserIdentity("root", "127.0.0.1"), new SystemVariables(ZoneOffset.UTC), null),
            new ManualClock(1_700_000_000_000L));

    private Object eval(String expression) {
        SelectStatement select = (SelectStatement) parser.parse("SELECT " + expression);
        return evaluator.evaluate(select.items().get(0).expression(), RowContext.NONE);
    }

    @Test
    void caseChoosesTheFirstMatchAndNullMatchesNothing() {
        assertThat(eval("CASE 'int' WHEN 'bit' THEN -7 WHEN 'int' THEN 4 WHEN 'int' THEN 5 ELSE 1111 END"))
                .isEqualTo(4L);
        assertThat(eval("CASE 'year' WHEN 'bit' THEN -7 ELSE 1111 END")).isEqualTo(1111L);
        assertThat(eval("CASE 'year' WHEN 'bit' THEN -7 END")).isNull();
        assertThat(eval("CASE NULL WHEN NULL THEN 1 ELSE 2 END")).isEqualTo(2L);
        assertThat(eval("CASE 2 WHEN 1 + 1 THEN 'two' END")).isEqualTo("two");
        assertThat(eval("CASE WHEN 1 = 0 THEN 'a' WHEN NULL THEN 'b' WHEN 2 > 1 THEN 'c' END")).isEqualTo("c");
    }

    @Test
    void castAndConvertToSignedAndUnsigned() {
        assertThat(eval("CAST(11 + 3 AS SIGNED INTEGER)")).isEqualTo(14L);
        assertThat(eval("CAST('42' AS SIGNED)")).isEqualTo(42L);
        assertThat(eval("CONVERT(2.0, UNSIGNED INTEGER)")).isEqualTo(2L);
        assertThat(eval("CONVERT(NULL, SIGNED)")).isNull();
    }

    @Test
    void substringCountsFromOneAndFromTheEnd() {
        assertThat(eval("SUBSTRING('varchar(20)', 1, 7)")).isEqualTo("varchar");
        assertThat(eval("SUBSTRING('varchar(20)', 12)")).isEqualTo("");
        assertThat(eval("SUBSTRING('decimal(10,2) unsigned', 14)")).isEqualTo(" unsigned");
        assertThat(eval("SUBSTR('abcdef', -2)")).isEqualTo("ef");
        assertThat(eval("SUBSTRING('abc', 0)")).isEqualTo("");
        assertThat(eval("SUBSTRING('abc', 2, -1)")).isEqualTo("");
        assertThat(eval("SUBSTRING('日本語', 2, 1)")).isEqualTo("本");
        assertThat(eval("SUBSTRING(NULL, 1)")).isNull();
        assertThatThrownBy(() -> eval("SUBSTRING('abc')")).isInstanceOf(TesseraException.class)
                .hasMessageContaining("Incorrect parameter count");
    }

    @Test
    void locateFindsIgnoringCaseAndAnswersZeroWhenAbsent() {
        assertThat(eval("LOCATE('(', 'varchar(20)')")).isEqualTo(8L);
        assertThat(eval("LOCATE('X', 'abcx')")).isEqualTo(4L);
        assertThat(eval("LOCATE('b', 'abcb', 3)")).isEqualTo(4L);
        assertThat(eval("LOCATE('z', 'abc')")).isEqualTo(0L);
        assertThat(eval("LOCATE('a', 'abc', 9)")).isEqualTo(0L);
        assertThat(eval("LOCATE(NULL, 'abc')")).isNull();
    }

    @Test
    void leastAndGreatestAreNullWithAnyNull() {
        assertThat(eval("LEAST(80, 2147483647)")).isEqualTo(80L);
        assertThat(eval("GREATEST(1, 3.5, 2)")).isEqualTo(new BigDecimal("3.5"));
        assertThat(eval("LEAST('b', 'a', 'c')")).isEqualTo("a");
        assertThat(eval("LEAST(NULL, 1)")).isNull();
        assertThatThrownBy(() -> eval("LEAST(1)")).isInstanceOf(TesseraException.class);
    }
}
