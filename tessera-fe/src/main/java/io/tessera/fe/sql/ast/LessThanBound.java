package io.tessera.fe.sql.ast;

import java.util.List;

/**
 * {@code VALUES LESS THAN (v1[, v2 ...])}, one value per partition column, or
 * {@code VALUES LESS THAN MAXVALUE} (then {@code upper} is the single {@link PartitionValue#MAX_VALUE}).
 */
public record LessThanBound(List<PartitionValue> upper) implements PartitionBound {
    public LessThanBound {
        upper = List.copyOf(upper);
    }
}
