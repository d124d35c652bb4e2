package io.tessera.fe.sql;

import io.tessera.common.TesseraException;
import io.tessera.fe.sql.ast.DescribeStatement;
import io.tessera.fe.sql.ast.Expression;
import io.tessera.fe.sql.ast.ShowColumnsStatement;
import io.tessera.fe.sql.ast.ShowCreateDatabaseStatement;
import io.tessera.fe.sql.ast.OrderItem;
import io.tessera.fe.sql.ast.ShowTabletStatement;
import io.tessera.fe.sql.ast.ShowCreateTableStatement;
import io.tessera.fe.sql.ast.ShowIndexStatement;
import io.tessera.fe.sql.ast.ShowTableStatusStatement;
import io.tessera.fe.sql.ast.TableName;
import io.tessera.fe.sql.ast.ShowDataStatement;
import io.tessera.fe.sql.ast.ShowPartitionsStatement;
import io.tessera.fe.sql.ast.ShowReplicaDistributionStatement;
import io.tessera.fe.sql.ast.ShowReplicaStatusStatement;
import io.tessera.fe.sql.ast.ShowTabletsStatement;
import io.tessera.fe.sql.ast.Statement;
import io.tessera.fe.sql.parser.TesseraParser;
import io.tessera.fe.sql.parser.TesseraParserBaseVisitor;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the records of the statements that describe one table or database: DESC, SHOW CREATE
 * TABLE / DATABASE, SHOW [FULL] COLUMNS, SHOW INDEX, SHOW TABLE STATUS, SHOW PARTITIONS, SHOW
 * TABLET, SHOW TABLETS, SHOW DATA and ADMIN SHOW REPLICA STATUS / DISTRIBUTION.
 *
 * <p>Threading: stateless; one instance may serve any number of threads.
 */
final class TableInfoBuilder extends TesseraParserBaseVisitor<Statement> {
    private final ExpressionBuilder expressions;

    TableInfoBuilder(ExpressionBuilder expressions) {
        this.expressions = expressions;
    }

    private Expression where(TesseraParser.ShowFilterContext filter) {
        return filter == null || filter.where == null ? null : expressions.visit(filter.where);
    }

    @Override
    public Statement visitDescribe(TesseraParser.DescribeContext ctx) {
        return new DescribeStatement(AstBuilder.tableName(ctx.tableName()), ctx.ALL() != null);
    }

    @Override
    public Statement visitShowCreateTable(TesseraParser.ShowCreateTableContext ctx) {
        return new ShowCreateTableStatement(AstBuilder.tableName(ctx.tableName()));
    }

    @Override
    public Statement visitShowCreateDatabase(TesseraParser.ShowCreateDatabaseContext ctx) {
        return new ShowCreateDatabaseStatement(AstBuilder.identifier(ctx.database));
    }

    @Override
    public Statement visitShowColumns(TesseraParser.ShowColumnsContext ctx) {
        return new ShowColumnsStatement(tableIn(ctx.tableName(), ctx.database), ctx.FULL() != null,
                AstBuilder.like(ctx.showFilter()), where(ctx.showFilter()));
    }

    @Override
    public Statement visitShowIndex(TesseraParser.ShowIndexContext ctx) {
        return new ShowIndexStatement(tableIn(ctx.tableName(), ctx.database));
    }

    @Override
    public Statement visitShowTableStatus(TesseraParser.ShowTableStatusContext ctx) {
        return new ShowTableStatusStatement(ctx.database == null ? null : AstBuilder.identifier(ctx.database),
                AstBuilder.like(ctx.showFilter()), where(ctx.showFilter()));
    }

    /** {@code t FROM db}: the database after the second FROM wins over one written before the table, as in MySQL. */
    private static TableName tableIn(TesseraParser.TableNameContext table, TesseraParser.IdentifierContext database) {
        TableName name = AstBuilder.tableName(table);
        return database == null ? name : new TableName(AstBuilder.identifier(database), name.table());
    }

    @Override
    public Statement visitShowPartitions(TesseraParser.ShowPartitionsContext ctx) {
        return new ShowPartitionsStatement(AstBuilder.tableName(ctx.tableName()));
    }

    @Override
    public Statement visitShowTablets(TesseraParser.ShowTabletsContext ctx) {
        List<OrderItem> orderBy = new ArrayList<>();
        for (TesseraParser.OrderItemContext order : ctx.orderItem()) {
            orderBy.add(new OrderItem(expressions.visit(order.expression()),
                    order.ordering != null && order.ordering.getType() == TesseraParser.DESC));
        }
        TesseraParser.LimitClauseContext limit = ctx.limitClause();
        return new ShowTabletsStatement(AstBuilder.tableName(ctx.tableName()),
                AstBuilder.partitionNames(ctx.partitionSpec()),
                ctx.where == null ? null : expressions.visit(ctx.where), orderBy,
                limit == null ? null : SelectBuilder.limitValue(limit.count),
                limit == null || limit.offset == null ? null : SelectBuilder.limitValue(limit.offset));
    }

    @Override
    public Statement visitShowTablet(TesseraParser.ShowTabletContext ctx) {
        try {
            return new ShowTabletStatement(Long.parseLong(ctx.tabletId.getText()));
        } catch (NumberFormatException tooLarge) {
            throw new TesseraException("Invalid tablet id format: " + ctx.tabletId.getText());
        }
    }

    @Override
    public Statement visitShowData(TesseraParser.ShowDataContext ctx) {
        return new ShowDataStatement(ctx.tableName() == null ? null : AstBuilder.tableName(ctx.tableName()));
    }

    @Override
    public Statement visitShowReplicaStatus(TesseraParser.ShowReplicaStatusContext ctx) {
        return new ShowReplicaStatusStatement(AstBuilder.tableName(ctx.tableName()),
                AstBuilder.partitionNames(ctx.partitionSpec()),
                ctx.status == null ? null : AstBuilder.string(ctx.status),
                ctx.operator != null && ctx.operator.getType() == TesseraParser.NOT_EQUAL);
    }

    @Override
    public Statement visitShowReplicaDistribution(TesseraParser.ShowReplicaDistributionContext ctx) {
        return new ShowReplicaDistributionStatement(AstBuilder.tableName(ctx.tableName()),
                AstBuilder.partitionNames(ctx.partitionSpec()));
    }
}
