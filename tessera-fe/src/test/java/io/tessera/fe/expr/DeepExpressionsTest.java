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
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Expressions too deep for the stack answer the parser's "too deeply nested" error, whether the
 * parser itself would overflow (nesting) or only the later recursive passes (long chains that
 * ANTLR parses in a loop); what is accepted evaluates on a small thread stack.
 */
class DeepExpressionsTest {
    private final SqlParser parser = new SqlParser();
    private final ExpressionEvaluator evaluator = new ExpressionEvaluator(new SessionContext(1,
            new UserIdentity("root", "127.0.0.1"), new SystemVariables(ZoneOffset.UTC), null),
            new ManualClock(1_700_000_000_000L));

    private static List<String> shapes(int n) {
        return List.of(
                "1" + " + 1".repeat(n),
                "1" + " AND 1".repeat(n),
                "'a'" + " || 'a'".repeat(n),
                "1" + " * 1".repeat(n),
                "NOT ".repeat(n) + "1",
                "- ".repeat(n) + "1",
                "(".repeat(n) + "1" + ")".repeat(n),
                "upper(".repeat(n) + "1" + ")".repeat(n),
                "CASE WHEN 1 THEN ".repeat(n) + "1" + " END".repeat(n));
    }

    @Test
    void tooDeepExpressionsAnswerAClearError() {
        for (int n : new int[] {5_000, 100_000}) {
            for (String expression : shapes(n)) {
                assertThatThrownBy(() -> parser.parse("SELECT " + expression))
                        .as(expression.substring(0, 20) + " x" + n)
                        .isInstanceOf(TesseraException.class)
                        .hasMessage("\nThe statement is too deeply nested to parse");
            }
        }
    }

    @Test
    void longChainsWithinTheBoundEvaluateOnASmallStack() throws InterruptedException {
        AtomicReference<Object> sum = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread small = new Thread(null, () -> {
            try {
                SelectStatement select = (SelectStatement) parser.parse("SELECT 1" + " + 1".repeat(450));
                sum.set(evaluator.evaluate(select.items().get(0).expression(), RowContext.NONE));
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "small-stack", 512 * 1024);
        small.start();
        small.join();
        assertThat(failure.get()).isNull();
        assertThat(sum.get()).isEqualTo(451L);
    }

    @Test
    void everyShapeWorksAtAModestDepth() {
        for (String expression : shapes(40)) {
            SelectStatement select = (SelectStatement) parser.parse("SELECT " + expression);
            assertThat(evaluator.evaluate(select.items().get(0).expression(), RowContext.NONE))
                    .as(expression).isNotNull();
        }
    }
}
