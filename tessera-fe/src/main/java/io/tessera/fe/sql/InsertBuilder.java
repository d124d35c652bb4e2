package io.tessera.fe.sql;

import io.tessera.fe.sql.ast.DefaultValue;
import io.tessera.fe.sql.ast.Expression;
import io.tessera.fe.sql.ast.InsertStatement;
import io.tessera.fe.sql.ast.TableName;
import io.tessera.fe.sql.parser.TesseraParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@link InsertStatement} records: {@code INSERT INTO t [PARTITION (...)] [WITH LABEL l]
 * [(cols)]} followed by {@code VALUES} rows or a SELECT.
 *
 * <p>Threading: stateless; one instance may serve any number of threads.
 */
final class InsertBuilder {
    private final ExpressionBuilder expressions;
    private final SelectBuilder selects;

    InsertBuilder(ExpressionBuilder expressions, SelectBuilder selects) {
        this.expressions = expressions;
        this.selects = selects;
    }

    InsertStatement build(TesseraParser.InsertStatementContext ctx) {
        TableName table = AstBuilder.tableName(ctx.tableName());
        List<String> partitions = AstBuilder.partitionNames(ctx.partitionSpec());
        String label = ctx.label == null ? null : AstBuilder.identifier(ctx.label);
        List<String> columns = ctx.columns == null ? List.of() : AstBuilder.identifiers(ctx.columns);
        if (ctx.selectStatement() != null) {
            return new InsertStatement(table, partitions, label, columns, List.of(),
                    selects.build(ctx.selectStatement()));
        }
        List<List<Expression>> rows = new ArrayList<>(ctx.valuesRow().size());
        for (TesseraParser.ValuesRowContext row : ctx.valuesRow()) {
            List<Expression> values = new ArrayList<>(row.insertValue().size());
            for (TesseraParser.InsertValueContext value : row.insertValue()) {
                values.add(value.DEFAULT() != null ? new DefaultValue() : expressions.visit(value.expression()));
            }
            rows.add(values);
        }
        return new InsertStatement(table, partitions, label, columns, rows, null);
    }
}
