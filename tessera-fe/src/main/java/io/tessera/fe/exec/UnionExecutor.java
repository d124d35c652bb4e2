package io.tessera.fe.exec;

import io.tessera.common.TesseraException;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.sql.ast.SelectStatement;
import io.tessera.fe.sql.ast.UnionStatement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.BiFunction;

/**
 * SELECT ... UNION [ALL | DISTINCT] SELECT ...: runs each SELECT as it would run alone (over a
 * table, a system table or no table) and concatenates their rows under the first one's columns;
 * a DISTINCT union removes duplicate rows from everything before it. Each SELECT's own ORDER BY
 * and LIMIT apply to its rows only.
 *
 * <p>Threading: stateless; blocking when a SELECT reads a table, so run it off I/O threads.
 */
public final class UnionExecutor {
    private final BiFunction<SelectStatement, SessionContext, ResultSet> selects;

    /** @param selects runs one SELECT, over a table or not */
    public UnionExecutor(BiFunction<SelectStatement, SessionContext, ResultSet> selects) {
        this.selects = selects;
    }

    public ResultSet execute(UnionStatement union, SessionContext session) {
        ResultSet first = selects.apply(union.selects().get(0), session);
        List<List<String>> rows = new ArrayList<>(first.rows());
        for (int i = 1; i < union.selects().size(); i++) {
            ResultSet next = selects.apply(union.selects().get(i), session);
            if (next.columns().size() != first.columns().size()) {
                throw new TesseraException("The used SELECT statements have a different number of columns");
            }
            rows.addAll(next.rows());
            if (union.distinct().get(i - 1)) {
                rows = new ArrayList<>(new LinkedHashSet<>(rows));
            }
        }
        return ResultSet.of(first.columns(), rows);
    }
}
