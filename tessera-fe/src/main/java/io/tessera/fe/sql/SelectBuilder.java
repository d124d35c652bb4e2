package io.tessera.fe.sql;

import io.tessera.common.TesseraException;
import io.tessera.fe.sql.ast.Expression;
import io.tessera.fe.sql.ast.OrderItem;
import io.tessera.fe.sql.ast.SelectItem;
import io.tessera.fe.sql.ast.SelectStatement;
import io.tessera.fe.sql.ast.TableRef;
import io.tessera.fe.sql.parser.TesseraParser;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * Builds {@link SelectStatement} records from {@code selectStatement} trees, for a plain SELECT
 * and for the source of {@code INSERT ... SELECT}.
 *
 * <p>Threading: stateless; one instance may serve any number of threads.
 */
final class SelectBuilder {
    private final ExpressionBuilder expressions;

    SelectBuilder(ExpressionBuilder expressions) {
        this.expressions = expressions;
    }

    SelectStatement build(TesseraParser.SelectStatementContext select) {
        List<SelectItem> items = new ArrayList<>();
        for (TesseraParser.SelectItemContext item : select.selectItem()) {
            items.add(selectItem(item));
        }
        TableRef from = select.tableReference() == null ? null : tableReference(select.tableReference());
        Expression where = select.where == null ? null : expressions.visit(select.where);
        List<Expression> groupBy = new ArrayList<>();
        for (TesseraParser.ExpressionContext expression : select.groupBy) {
            groupBy.add(expressions.visit(expression));
        }
        Expression having = select.having == null ? null : expressions.visit(select.having);
        List<OrderItem> orderBy = new ArrayList<>();
        for (TesseraParser.OrderItemContext order : select.orderItem()) {
            orderBy.add(new OrderItem(expressions.visit(order.expression()),
                    order.ordering != null && order.ordering.getType() == TesseraParser.DESC));
        }
        boolean distinct = select.setQuantifier != null && select.setQuantifier.getType() == TesseraParser.DISTINCT;
        TesseraParser.LimitClauseContext limit = select.limitClause();
        return new SelectStatement(distinct, items, from, where, groupBy, having, orderBy,
                limit == null ? null : limitValue(limit.count),
                limit == null || limit.offset == null ? null : limitValue(limit.offset));
    }

    private SelectItem selectItem(TesseraParser.SelectItemContext ctx) {
        if (ctx instanceof TesseraParser.SelectQualifiedAllContext qualified) {
            return new SelectItem(null, null, AstBuilder.sourceText(ctx), AstBuilder.identifier(qualified.qualifier));
        }
        if (ctx instanceof TesseraParser.SelectExpressionContext expression) {
            String alias = null;
            if (expression.alias() != null) {
                TesseraParser.AliasContext aliasContext = expression.alias();
                alias = aliasContext.identifier() != null
                        ? AstBuilder.identifier(aliasContext.identifier())
                        : AstBuilder.string(aliasContext.stringLiteral());
            }
            return new SelectItem(expressions.visit(expression.expression()), alias,
                    AstBuilder.sourceText(expression.expression()), null);
        }
        return new SelectItem(null, null, AstBuilder.sourceText(ctx), null);
    }

    private TableRef tableReference(TesseraParser.TableReferenceContext reference) {
        if (reference instanceof TesseraParser.TableFunctionReferenceContext function) {
            List<Expression> arguments = new ArrayList<>();
            for (TesseraParser.ExpressionContext argument : function.expression()) {
                arguments.add(expressions.visit(argument));
            }
            return new TableRef(null, AstBuilder.identifier(function.function),
                    function.tableAlias == null ? null : AstBuilder.identifier(function.tableAlias), arguments);
        }
        TesseraParser.NamedTableReferenceContext ctx = (TesseraParser.NamedTableReferenceContext) reference;
        String alias = ctx.tableAlias == null ? null : AstBuilder.identifier(ctx.tableAlias);
        if (ctx.second == null) {
            return new TableRef(null, AstBuilder.identifier(ctx.first), alias);
        }
        return new TableRef(AstBuilder.identifier(ctx.first), AstBuilder.identifier(ctx.second), alias);
    }

    static Long limitValue(Token token) {
        try {
            return Long.parseLong(token.getText());
        } catch (NumberFormatException tooLarge) {
            throw new TesseraException("\nLIMIT value out of range: " + token.getText()
                    + "(line " + token.getLine() + ", pos " + token.getCharPositionInLine() + ")");
        }
    }
}
