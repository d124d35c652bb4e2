package io.tessera.fe.sql;

import io.tessera.fe.sql.ast.AddPartitionStatement;
import io.tessera.fe.sql.ast.ColumnDefinition;
import io.tessera.fe.sql.ast.CreateDatabaseStatement;
import io.tessera.fe.sql.ast.CreateTableStatement;
import io.tessera.fe.sql.ast.DistributionDescription;
import io.tessera.fe.sql.ast.DropDatabaseStatement;
import io.tessera.fe.sql.ast.DropPartitionStatement;
import io.tessera.fe.sql.ast.DropTableStatement;
import io.tessera.fe.sql.ast.Expression;
import io.tessera.fe.sql.ast.FunctionCall;
import io.tessera.fe.sql.ast.KeysDescription;
import io.tessera.fe.sql.ast.KeysType;
import io.tessera.fe.sql.ast.Literal;
import io.tessera.fe.sql.ast.PartitionDescription;
import io.tessera.fe.sql.ast.Statement;
import io.tessera.fe.sql.ast.TypeDefinition;
import io.tessera.fe.sql.parser.TesseraParser;
import io.tessera.fe.sql.parser.TesseraParserBaseVisitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the records of the database and table statements: CREATE / DROP DATABASE, CREATE / DROP
 * TABLE and ALTER TABLE ... ADD / DROP PARTITION. Partitioning and distribution clauses are
 * delegated to {@link PartitionBuilder}, data types to {@link TypeBuilder}.
 *
 * <p>Threading: stateless; one instance may serve any number of threads.
 */
final class DdlBuilder extends TesseraParserBaseVisitor<Statement> {
    private final ExpressionBuilder expressions;

    DdlBuilder(ExpressionBuilder expressions) {
        this.expressions = expressions;
    }

    // ----------------------------------------------------------------------------------------
    // Databases.
    // ----------------------------------------------------------------------------------------

    @Override
    public Statement visitCreateDatabase(TesseraParser.CreateDatabaseContext ctx) {
        return new CreateDatabaseStatement(ctx.IF() != null, AstBuilder.identifier(ctx.name),
                AstBuilder.properties(ctx.propertyClause()));
    }

    @Override
    public Statement visitDropDatabase(TesseraParser.DropDatabaseContext ctx) {
        return new DropDatabaseStatement(ctx.IF() != null, AstBuilder.identifier(ctx.name), ctx.FORCE() != null);
    }

    // ----------------------------------------------------------------------------------------
    // Tables.
    // ----------------------------------------------------------------------------------------

    @Override
    public Statement visitCreateTable(TesseraParser.CreateTableContext ctx) {
        List<ColumnDefinition> columns = new ArrayList<>();
        for (TesseraParser.ColumnDefinitionContext column : ctx.columnDefinition()) {
            columns.add(columnDefinition(column));
        }
        String engine = ctx.engine == null ? null : AstBuilder.identifier(ctx.engine).toLowerCase(Locale.ROOT);
        KeysDescription keys = ctx.keysClause() == null ? null : keys(ctx.keysClause());
        String comment = ctx.comment == null ? null : AstBuilder.string(ctx.comment);
        PartitionDescription partitioning = ctx.partitionClause() == null
                ? null : PartitionBuilder.partitioning(ctx.partitionClause());
        DistributionDescription distribution = ctx.distributionClause() == null
                ? null : PartitionBuilder.distribution(ctx.distributionClause());
        return new CreateTableStatement(ctx.IF() != null, AstBuilder.tableName(ctx.tableName()), columns,
                engine, keys, comment, partitioning, distribution, AstBuilder.properties(ctx.propertyClause()));
    }

    @Override
    public Statement visitDropTable(TesseraParser.DropTableContext ctx) {
        return new DropTableStatement(ctx.IF() != null, AstBuilder.tableName(ctx.tableName()), ctx.FORCE() != null);
    }

    private ColumnDefinition columnDefinition(TesseraParser.ColumnDefinitionContext ctx) {
        TypeDefinition type = TypeBuilder.columnType(ctx.dataType());
        Boolean nullable = ctx.NULL() == null ? null : ctx.NOT() == null;
        Expression defaultValue = ctx.defaultValue() == null ? null : defaultValue(ctx.defaultValue());
        String defaultText = ctx.defaultValue() == null ? null : AstBuilder.sourceText(ctx.defaultValue());
        String comment = ctx.comment == null ? null : AstBuilder.string(ctx.comment);
        return new ColumnDefinition(AstBuilder.identifier(ctx.name), type, nullable, defaultValue, defaultText,
                comment);
    }

    private Expression defaultValue(TesseraParser.DefaultValueContext ctx) {
        if (ctx instanceof TesseraParser.NegativeDefaultContext negative) {
            return ExpressionBuilder.negativeLiteral(negative.number);
        }
        if (ctx instanceof TesseraParser.ConstantDefaultContext constant) {
            return expressions.visit(constant.constant());
        }
        TesseraParser.FunctionDefaultContext function = (TesseraParser.FunctionDefaultContext) ctx;
        List<Expression> arguments = function.precision == null
                ? List.of() : List.of(new Literal((long) AstBuilder.intValue(function.precision)));
        return new FunctionCall(ExpressionBuilder.lowerCase(function.name.getText()), arguments, false, false);
    }

    private static KeysDescription keys(TesseraParser.KeysClauseContext ctx) {
        KeysType type = switch (ctx.keysType.getType()) {
            case TesseraParser.UNIQUE -> KeysType.UNIQUE;
            case TesseraParser.AGGREGATE -> KeysType.AGGREGATE;
            default -> KeysType.DUPLICATE;
        };
        return new KeysDescription(type, AstBuilder.identifiers(ctx.identifierList()));
    }

    // ----------------------------------------------------------------------------------------
    // Partitions.
    // ----------------------------------------------------------------------------------------

    @Override
    public Statement visitAddPartition(TesseraParser.AddPartitionContext ctx) {
        DistributionDescription distribution = ctx.distributionClause() == null
                ? null : PartitionBuilder.distribution(ctx.distributionClause());
        return new AddPartitionStatement(AstBuilder.tableName(ctx.tableName()),
                PartitionBuilder.partition(ctx.partitionDefinition()), distribution);
    }

    @Override
    public Statement visitDropPartition(TesseraParser.DropPartitionContext ctx) {
        return new DropPartitionStatement(AstBuilder.tableName(ctx.tableName()), ctx.IF() != null,
                AstBuilder.identifier(ctx.name), ctx.FORCE() != null);
    }
}
