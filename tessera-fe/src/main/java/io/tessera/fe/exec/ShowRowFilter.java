package io.tessera.fe.exec;

import io.tessera.common.TesseraException;
import io.tessera.fe.expr.ExpressionEvaluator;
import io.tessera.fe.expr.SqlValues;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.sql.ast.Expression;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code SHOW ... WHERE condition}: keeps the rows of a SHOW's answer for which the condition,
 * naming the answer's columns by their titles (in any case), is true, as MySQL filters SHOW TABLES,
 * SHOW COLUMNS, SHOW TABLE STATUS and the like. Stateless.
 */
final class ShowRowFilter {
    private ShowRowFilter() {
    }

    /** The answer itself when {@code where} is null. */
    static ResultSet where(ResultSet answer, Expression where, ExpressionEvaluator evaluator) {
        if (where == null) {
            return answer;
        }
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row : answer.rows()) {
            Object kept = evaluator.evaluate(where, reference -> {
                for (int i = 0; i < answer.columns().size(); i++) {
                    if (answer.columns().get(i).name().equalsIgnoreCase(reference.name())) {
                        return row.get(i);
                    }
                }
                throw new TesseraException("Unknown column '" + reference.name() + "' in 'where clause'");
            });
            if (SqlValues.isTrue(kept)) {
                rows.add(row);
            }
        }
        return new ResultSet(answer.columns(), rows, answer.warnings());
    }
}
