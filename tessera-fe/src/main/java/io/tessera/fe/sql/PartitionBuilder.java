package io.tessera.fe.sql;

import io.tessera.fe.sql.ast.DistributionDescription;
import io.tessera.fe.sql.ast.DistributionType;
import io.tessera.fe.sql.ast.FixedRangeBound;
import io.tessera.fe.sql.ast.LessThanBound;
import io.tessera.fe.sql.ast.ListValuesBound;
import io.tessera.fe.sql.ast.Literal;
import io.tessera.fe.sql.ast.PartitionBound;
import io.tessera.fe.sql.ast.PartitionDefinition;
import io.tessera.fe.sql.ast.PartitionDescription;
import io.tessera.fe.sql.ast.PartitionType;
import io.tessera.fe.sql.ast.PartitionValue;
import io.tessera.fe.sql.parser.TesseraParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the partitioning and distribution parts of CREATE TABLE and ALTER TABLE ... ADD
 * PARTITION: {@code PARTITION BY RANGE | LIST (...) (...)}, single partition definitions with
 * their bounds, and {@code DISTRIBUTED BY ...}. Bound values stay the constants written; the
 * catalog converts them to the partition columns' types.
 *
 * <p>Threading: stateless; every method is a pure function.
 */
final class PartitionBuilder {
    private static final ExpressionBuilder CONSTANTS = new ExpressionBuilder();

    private PartitionBuilder() {
    }

    static PartitionDescription partitioning(TesseraParser.PartitionClauseContext ctx) {
        PartitionType type = ctx.partitionType.getType() == TesseraParser.LIST ? PartitionType.LIST : PartitionType.RANGE;
        List<PartitionDefinition> partitions = new ArrayList<>();
        for (TesseraParser.PartitionDefinitionContext partition : ctx.partitionDefinition()) {
            partitions.add(partition(partition));
        }
        return new PartitionDescription(type, AstBuilder.identifiers(ctx.identifierList()), partitions);
    }

    static PartitionDefinition partition(TesseraParser.PartitionDefinitionContext ctx) {
        Map<String, String> properties = ctx.propertyList() == null ? Map.of() : AstBuilder.properties(ctx.propertyList());
        return new PartitionDefinition(AstBuilder.identifier(ctx.name), ctx.IF() != null,
                bound(ctx.partitionBound()), properties);
    }

    private static PartitionBound bound(TesseraParser.PartitionBoundContext ctx) {
        if (ctx instanceof TesseraParser.LessThanBoundContext lessThan) {
            return new LessThanBound(lessThan.upper == null ? List.of(PartitionValue.MAX_VALUE) : values(lessThan.upper));
        }
        if (ctx instanceof TesseraParser.FixedRangeBoundContext fixed) {
            return new FixedRangeBound(values(fixed.lower), values(fixed.upper));
        }
        List<List<PartitionValue>> tuples = new ArrayList<>();
        if (ctx instanceof TesseraParser.MultiColumnListBoundContext multiColumn) {
            for (TesseraParser.PartitionValueListContext tuple : multiColumn.partitionValueList()) {
                tuples.add(values(tuple));
            }
        } else {
            for (TesseraParser.PartitionValueContext value : ((TesseraParser.ListBoundContext) ctx).partitionValue()) {
                tuples.add(List.of(value(value)));
            }
        }
        return new ListValuesBound(tuples);
    }

    private static List<PartitionValue> values(TesseraParser.PartitionValueListContext ctx) {
        List<PartitionValue> result = new ArrayList<>();
        for (TesseraParser.PartitionValueContext value : ctx.partitionValue()) {
            result.add(value(value));
        }
        return result;
    }

    private static PartitionValue value(TesseraParser.PartitionValueContext ctx) {
        if (ctx instanceof TesseraParser.MaxPartitionValueContext) {
            return PartitionValue.MAX_VALUE;
        }
        if (ctx instanceof TesseraParser.NegativePartitionValueContext negative) {
            return new PartitionValue(ExpressionBuilder.negativeLiteral(negative.number), false);
        }
        TesseraParser.ConstantContext constant = ((TesseraParser.ConstantPartitionValueContext) ctx).constant();
        return new PartitionValue((Literal) CONSTANTS.visit(constant), false);
    }

    static DistributionDescription distribution(TesseraParser.DistributionClauseContext ctx) {
        DistributionType type = ctx.HASH() != null ? DistributionType.HASH : DistributionType.RANDOM;
        List<String> columns = ctx.identifierList() == null ? List.of() : AstBuilder.identifiers(ctx.identifierList());
        Integer buckets = ctx.buckets == null ? null : AstBuilder.intValue(ctx.buckets);
        return new DistributionDescription(type, columns, buckets, ctx.AUTO() != null);
    }
}
